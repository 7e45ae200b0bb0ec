using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Sessions.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutcomeAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "TemplateId",
                table: "Prescriptions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "Prescriptions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SymptomDurationWeeks",
                table: "Baselines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    IntakeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.IntakeId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ClinicId_ReferredAt",
                table: "Referrals",
                columns: new[] { "ClinicId", "ReferredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_PatientId",
                table: "Referrals",
                column: "PatientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Referrals");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "TemplateVersion",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "SymptomDurationWeeks",
                table: "Baselines");
        }
    }
}
