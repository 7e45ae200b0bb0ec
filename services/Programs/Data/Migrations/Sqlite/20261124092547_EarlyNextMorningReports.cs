using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Programs.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EarlyNextMorningReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FlareHours",
                table: "PainObservations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SessionId",
                table: "PainObservations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WorseThanBefore",
                table: "PainObservations",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FlareHours",
                table: "PainObservations");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "PainObservations");

            migrationBuilder.DropColumn(
                name: "WorseThanBefore",
                table: "PainObservations");
        }
    }
}
