using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Programs.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TreatmentConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TreatmentConsentChangedAt",
                table: "Patients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TreatmentConsentWithdrawn",
                table: "Patients",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TreatmentConsentChangedAt",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "TreatmentConsentWithdrawn",
                table: "Patients");
        }
    }
}
