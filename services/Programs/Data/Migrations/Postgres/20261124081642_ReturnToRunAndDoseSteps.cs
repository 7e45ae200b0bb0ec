using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RehabPlatform.Programs.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PhaseStartedAt",
                table: "Programs",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "RunStage",
                table: "Programs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RunsAtStage",
                table: "Programs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Explanation",
                table: "Decisions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "InputsJson",
                table: "Decisions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ProposedDrillsJson",
                table: "Decisions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuleSource",
                table: "Decisions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ToDoseStep",
                table: "Decisions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ToRunStage",
                table: "Decisions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PainObservations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Pain = table.Column<int>(type: "integer", nullable: false),
                    RunMinutes = table.Column<int>(type: "integer", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PainObservations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Readiness",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    BriskWalk30MinutesPainFree = table.Column<bool>(type: "boolean", nullable: false),
                    DailyPainAtMost2 = table.Column<bool>(type: "boolean", nullable: false),
                    SingleLegTasksPainFree = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Readiness", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sessions",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    PerformedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Verdict = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Flare = table.Column<bool>(type: "boolean", nullable: false)
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
