using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Sessions.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PreviousPrescription : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PreviousPrescriptionJson",
                table: "Prescriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreviousProgramVersion",
                table: "Prescriptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReplacedAt",
                table: "Prescriptions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PreviousPrescriptionJson",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "PreviousProgramVersion",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "ReplacedAt",
                table: "Prescriptions");
        }
    }
}
