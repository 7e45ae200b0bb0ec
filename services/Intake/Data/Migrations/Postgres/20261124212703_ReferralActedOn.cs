using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Intake.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReferralActedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReferralActedAt",
                table: "Intakes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReferralActedBy",
                table: "Intakes",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReferralActedAt",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "ReferralActedBy",
                table: "Intakes");
        }
    }
}
