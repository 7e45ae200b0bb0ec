using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdempotencyKeepsReferencesOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Remembered keys are short-lived; the old rows held copies of patient records and cannot be converted.
            migrationBuilder.Sql("DELETE FROM idempotency_records;");

            migrationBuilder.RenameColumn(
                name: "ResponseJson",
                table: "idempotency_records",
                newName: "ResourceId");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "idempotency_records");

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "idempotency_records",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "PossibleDuplicates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExistingPatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExistingClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Match = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DetectedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PossibleDuplicates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PossibleDuplicates_Patients_ExistingPatientId",
                        column: x => x.ExistingPatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PossibleDuplicates_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_records_CreatedAt",
                table: "idempotency_records",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PossibleDuplicates_ExistingPatientId",
                table: "PossibleDuplicates",
                column: "ExistingPatientId");

            migrationBuilder.CreateIndex(
                name: "IX_PossibleDuplicates_PatientId",
                table: "PossibleDuplicates",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_PossibleDuplicates_Resolution",
                table: "PossibleDuplicates",
                column: "Resolution");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Remembered keys are short-lived; the old rows held copies of patient records and cannot be converted.
            migrationBuilder.Sql("DELETE FROM idempotency_records;");

            migrationBuilder.DropTable(
                name: "PossibleDuplicates");

            migrationBuilder.DropIndex(
                name: "IX_idempotency_records_CreatedAt",
                table: "idempotency_records");

            migrationBuilder.RenameColumn(
                name: "ResourceId",
                table: "idempotency_records",
                newName: "ResponseJson");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "idempotency_records");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "idempotency_records",
                type: "TEXT",
                nullable: false,
                defaultValue: DateTimeOffset.MinValue);
        }
    }
}
