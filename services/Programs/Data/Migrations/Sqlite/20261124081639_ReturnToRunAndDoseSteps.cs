using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Programs.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReturnToRunAndDoseSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DoseStep",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "PhaseStartedAt",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "RunStage",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RunsAtStage",
                table: "Programs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Explanation",
                table: "Decisions",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "InputsJson",
                table: "Decisions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ProposedDrillsJson",
                table: "Decisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuleSource",
                table: "Decisions",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ToDoseStep",
                table: "Decisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ToRunStage",
                table: "Decisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PainObservations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Pain = table.Column<int>(type: "INTEGER", nullable: false),
                    RunMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PainObservations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Readiness",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BriskWalk30MinutesPainFree = table.Column<bool>(type: "INTEGER", nullable: false),
                    DailyPainAtMost2 = table.Column<bool>(type: "INTEGER", nullable: false),
                    SingleLegTasksPainFree = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Readiness", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sessions",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PerformedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Flare = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sessions", x => x.SessionId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PainObservations_PatientId_At",
                table: "PainObservations",
                columns: new[] { "PatientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Readiness_PatientId",
                table: "Readiness",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_Readiness_ProgramId_RecordedAt",
                table: "Readiness",
                columns: new[] { "ProgramId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_PatientId",
                table: "Sessions",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_ProgramId_PerformedAt",
                table: "Sessions",
                columns: new[] { "ProgramId", "PerformedAt" });

            // Programs that existed before: their phase is counted from their last change, and decisions made before
            // rules were recorded say so instead of carrying an empty document.
            migrationBuilder.Sql("""UPDATE "Programs" SET "PhaseStartedAt" = "UpdatedAt";""");
            migrationBuilder.Sql("""UPDATE "Decisions" SET "InputsJson" = '{}', "RuleSource" = 'recorded before rule sources were kept', "Explanation" = '';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PainObservations");

            migrationBuilder.DropTable(
                name: "Readiness");

            migrationBuilder.DropTable(
                name: "Sessions");

            migrationBuilder.DropColumn(
                name: "DoseStep",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "PhaseStartedAt",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "RunStage",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "RunsAtStage",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Explanation",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "InputsJson",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "ProposedDrillsJson",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "RuleSource",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "ToDoseStep",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "ToRunStage",
                table: "Decisions");
        }
    }
}
