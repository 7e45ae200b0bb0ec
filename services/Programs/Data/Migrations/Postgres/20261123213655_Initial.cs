using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace RehabPlatform.Programs.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    Decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReasonCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FromPhase = table.Column<int>(type: "integer", nullable: false),
                    ToPhase = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ResultingProgramVersion = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Exercises",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Instructions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DefaultSets = table.Column<int>(type: "integer", nullable: false),
                    DefaultReps = table.Column<int>(type: "integer", nullable: true),
                    DefaultHoldSeconds = table.Column<int>(type: "integer", nullable: true),
                    Phases = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Equipment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Contraindications = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Tags = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Exercises", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Patients",
                columns: table => new
                {
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    AkpsScore = table.Column<int>(type: "integer", nullable: true),
                    NprsWorstLastWeek = table.Column<int>(type: "integer", nullable: true),
                    IsRunner = table.Column<bool>(type: "boolean", nullable: false),
                    ReferredOut = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Patients", x => x.PatientId);
                });

            migrationBuilder.CreateTable(
                name: "Programs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    ProgramVersion = table.Column<int>(type: "integer", nullable: false),
                    Phase = table.Column<int>(type: "integer", nullable: false),
                    ConsecutiveInLimitSessions = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PrescriptionJson = table.Column<string>(type: "text", nullable: false),
                    FormDrillsJson = table.Column<string>(type: "text", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedReason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Programs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Templates",
                columns: table => new
                {
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AuthorUserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AuthorClinicId = table.Column<Guid>(type: "uuid", nullable: false),
                    Visibility = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Tags = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SessionsPerWeek = table.Column<int>(type: "integer", nullable: false),
                    PhasesJson = table.Column<string>(type: "text", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false),
                    ForkedFromTemplateId = table.Column<Guid>(type: "uuid", nullable: true),
                    ForkedFromVersion = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Templates", x => new { x.TemplateId, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ClinicId = table.Column<Guid>(type: "uuid", nullable: true),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResourceType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ResourceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    CallerId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Operation = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: false),
                    ResponseJson = table.Column<string>(type: "text", nullable: false),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => new { x.CallerId, x.Operation, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    received_at_ms = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    trace_state = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    created_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    attempt_count = table.Column<int>(type: "integer", nullable: false),
                    lock_token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    locked_until_ms = table.Column<long>(type: "bigint", nullable: true),
                    delivered_at_ms = table.Column<long>(type: "bigint", nullable: true),
                    failed_at_ms = table.Column<long>(type: "bigint", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "Exercises",
                columns: new[] { "Code", "Category", "ClinicId", "Contraindications", "DefaultHoldSeconds", "DefaultReps", "DefaultSets", "Equipment", "Instructions", "Name", "Phases", "Tags" },
                values: new object[,]
                {
                    { "a-skip-drill", "RunningDrill", null, "none", null, 20, 3, "none", "Skip with a high knee drive and an active foot strike under the hips, tall posture.", "A-skips", "3,4", "running-form,drill" },
                    { "bridge-double-leg", "HipStrength", null, "none", null, 15, 3, "none", "Lie on your back, knees bent, lift the hips to a straight line from shoulders to knees.", "Bridge", "1,2", "hip,glutes,strength" },
                    { "calf-stretch-wall", "Stretch", null, "none", 30, null, 3, "wall", "Back leg straight, heel down, lean into the wall; repeat with the knee bent.", "Calf stretch at the wall", "1,2,3,4", "stretch,calf,mobility" },
                    { "clamshell-band", "HipStrength", null, "none", null, 15, 3, "light band", "Side-lying, knees bent, open the top knee against the band without rolling back.", "Clamshell with band", "1,2", "hip,external-rotators,strength" },
                    { "foam-roll-calf", "SelfMassage", null, "calf swelling and warmth: stop and seek medical advice", 90, null, 1, "foam roller", "Roll the calf from ankle to below the knee, turning the leg to reach both sides.", "Foam roller: calf", "1,2,3,4", "self-massage,calf" },
                    { "foam-roll-itb", "SelfMassage", null, "never roll the kneecap; skip over bruising", 90, null, 1, "foam roller", "Side-lying, roll the outside of the thigh from hip to above the knee, slowly.", "Foam roller: iliotibial band and lateral thigh", "1,2,3,4", "self-massage,iliotibial-band" },
                    { "foam-roll-quadriceps", "SelfMassage", null, "never roll the kneecap", 90, null, 1, "foam roller", "Roll the front and outside of the thigh from hip to just above the kneecap; never over the kneecap itself.", "Foam roller: quadriceps", "1,2,3,4", "self-massage,quadriceps" },
                    { "hamstring-stretch", "Stretch", null, "none", 30, null, 3, "step", "Heel on a low step, hinge at the hips with a straight back.", "Hamstring stretch", "1,2,3,4", "stretch,hamstrings,mobility" },
                    { "kneeling-hip-flexor-quad-stretch", "Stretch", null, "kneeling pressure on the kneecap: pad well or skip", 30, null, 3, "cushion", "Half-kneel on a cushion, tuck the pelvis and shift forward; reach back for the foot to add the quadriceps.", "Kneeling hip flexor and quadriceps stretch", "1,2,3,4", "stretch,hip-flexor,quadriceps,mobility" },
                    { "lateral-step-down", "KneeStrength", null, "exercise pain above 5/10", null, 10, 3, "step", "Stand on a step, slowly lower the other heel to the floor, keep the pelvis level.", "Lateral step-down", "3", "step-down,quadriceps,control" },
                    { "load-management-education", "Education", null, "none", 600, null, 1, "none", "Review the pain-monitoring model: exercise pain at most 5/10, settled within an hour, not worse next morning.", "Load management education", "1,2,3,4", "education,pain-monitoring" },
                    { "metronome-cadence-run", "RunningDrill", null, "running pain above 2/10", 180, null, 3, "metronome app", "Run easy with a metronome at the target cadence (steps/min); shorter steps, same speed.", "Metronome cadence run", "4", "running-form,cadence,drill" },
                    { "monster-walk-band", "HipStrength", null, "none", null, 20, 3, "band", "Band above the knees, half squat, step diagonally forward keeping knees out.", "Monster walk", "2,3", "hip,abductors,external-rotators" },
                    { "pogo-hops", "Plyometric", null, "pain above 2/10 during hopping", null, 20, 3, "none", "Small quick two-footed hops on the balls of the feet, stiff ankles.", "Pogo hops", "3,4", "hopping,plyometric" },
                    { "quad-set-isometric", "Isometric", null, "none", 30, null, 3, "towel", "Sit with the leg straight, tighten the thigh to press the knee down, hold, relax.", "Isometric quadriceps set", "1", "isometric,quadriceps" },
                    { "quad-stretch-prone", "Stretch", null, "none", 30, null, 3, "strap", "Lie face down, loop a strap round the ankle and draw the heel towards the buttock.", "Prone quadriceps stretch", "1,2,3,4", "stretch,quadriceps,mobility" },
                    { "quad-stretch-standing", "Stretch", null, "avoid if deep knee bend is painful; use a strap", 30, null, 3, "none", "Hold the ankle behind you, knees together, tuck the pelvis, feel the front of the thigh.", "Standing quadriceps stretch", "1,2,3,4", "stretch,quadriceps,mobility" },
                    { "reverse-lunge", "KneeStrength", null, "exercise pain above 5/10", null, 10, 3, "none", "Step back into a lunge, front shin near vertical, push back up.", "Reverse lunge", "3", "lunge,quadriceps,hip-flexor,strength" },
                    { "short-stride-drill", "RunningDrill", null, "running pain above 2/10", null, 20, 4, "none", "Run with quick, short steps landing under the hips, not ahead of the body.", "Short-stride drill", "3,4", "running-form,overstride,drill" },
                    { "side-lying-hip-abduction", "HipStrength", null, "none", null, 15, 3, "none", "Lie on your side, top leg slightly behind, lift with the toes level.", "Side-lying hip abduction", "1,2", "hip,abductors,strength" },
                    { "single-leg-deadlift", "HipStrength", null, "none", null, 10, 3, "light weight", "Hinge on one leg, reach forward, keep the pelvis square.", "Single-leg Romanian deadlift", "3,4", "single-leg,hip,hamstrings,control" },
                    { "single-leg-hops-in-place", "Plyometric", null, "pain above 2/10 during hopping", null, 10, 3, "none", "Hop on one leg with a soft, quiet landing, knee over foot.", "Single-leg hops in place", "3,4", "hopping,single-leg,plyometric" },
                    { "single-leg-squat-supported", "KneeStrength", null, "exercise pain above 5/10", null, 8, 3, "wall", "Hand on a wall, squat on one leg to a pain-free depth, knee over the foot.", "Single-leg squat (supported)", "3,4", "single-leg,quadriceps,control" },
                    { "spanish-squat-isometric", "Isometric", null, "none", 45, null, 5, "heavy band", "Band behind the knees anchored in front, sit back keeping shins vertical, hold.", "Spanish squat hold", "1,2", "isometric,quadriceps" },
                    { "split-squat-static-lunge", "KneeStrength", null, "exercise pain above 5/10", null, 10, 3, "none", "Staggered stance, lower the back knee straight down to a pain-free depth.", "Static lunge (split squat)", "2,3", "lunge,quadriceps,hip-flexor,strength" },
                    { "squat-partial-range", "KneeStrength", null, "exercise pain above 5/10", null, 12, 3, "chair", "Feet hip-width, sit back to a pain-free depth (about 45-60 degrees), knees over toes.", "Partial-range squat", "2,3", "squat,quadriceps,hip-flexor,strength" },
                    { "standing-hip-abduction-band", "HipStrength", null, "none", null, 12, 3, "band", "Band round the ankles, stand tall and move the leg out to the side.", "Standing hip abduction with band", "2,3", "hip,abductors,strength" },
                    { "standing-marching", "HipStrength", null, "none", null, 20, 3, "none", "Stand tall and lift one knee to hip height, slow and controlled, alternating.", "Standing marching (hip flexor)", "1,2,3", "hip-flexor,strength,posture" },
                    { "step-up-forward", "KneeStrength", null, "none", null, 12, 3, "step", "Step up onto a 15-20 cm step, knee in line with the second toe, lower slowly.", "Forward step-up", "2,3", "step-up,quadriceps,strength" },
                    { "tall-posture-run", "RunningDrill", null, "none", 60, null, 3, "none", "Run tall: head over shoulders over hips, slight lean from the ankles, no collapse at the waist.", "Tall posture running", "3,4", "running-form,posture,trunk,drill" },
                    { "walk-run-progression", "WalkRun", null, "daily pain above 2/10 or not settled next morning", 1800, null, 1, "none", "Stage by stage from 2 min walk / 3 min run to 2 miles continuous; each stage twice with a rest day between; 10-20 % slower, no downhill.", "Walk/run progression", "4", "return-to-run,walk-run" },
                    { "wall-sit-isometric", "Isometric", null, "stop if exercise pain exceeds 5/10", 45, null, 5, "wall", "Back against a wall, slide to a pain-free knee bend (at most 45 degrees), hold.", "Wall sit (pain-free depth)", "1,2", "isometric,quadriceps,analgesic" }
                });

            migrationBuilder.InsertData(
                table: "Templates",
                columns: new[] { "TemplateId", "Version", "AuthorClinicId", "AuthorUserId", "CreatedAt", "Description", "ForkedFromTemplateId", "ForkedFromVersion", "Name", "PhasesJson", "PublishedAt", "SessionsPerWeek", "SettingsJson", "Status", "Tags", "Visibility" },
                values: new object[] { new Guid("8a7f0c2e-1b3d-4e5f-9a6b-00000000d001"), 1, new Guid("00000000-0000-0000-0000-000000000000"), "system", new DateTimeOffset(new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "Combined hip and knee exercise therapy with pain monitoring (Willy 2019 CPG), 6 weeks, 3 sessions a week.", null, null, "Runner's knee: standard four-phase program", "[{\"phase\":1,\"exercises\":[{\"exerciseCode\":\"load-management-education\",\"sets\":1,\"reps\":null,\"holdSeconds\":600},{\"exerciseCode\":\"quad-set-isometric\",\"sets\":3,\"reps\":null,\"holdSeconds\":30},{\"exerciseCode\":\"wall-sit-isometric\",\"sets\":5,\"reps\":null,\"holdSeconds\":45},{\"exerciseCode\":\"side-lying-hip-abduction\",\"sets\":3,\"reps\":15,\"holdSeconds\":null},{\"exerciseCode\":\"clamshell-band\",\"sets\":3,\"reps\":15,\"holdSeconds\":null},{\"exerciseCode\":\"quad-stretch-standing\",\"sets\":3,\"reps\":null,\"holdSeconds\":30},{\"exerciseCode\":\"kneeling-hip-flexor-quad-stretch\",\"sets\":3,\"reps\":null,\"holdSeconds\":30},{\"exerciseCode\":\"foam-roll-quadriceps\",\"sets\":1,\"reps\":null,\"holdSeconds\":90},{\"exerciseCode\":\"foam-roll-itb\",\"sets\":1,\"reps\":null,\"holdSeconds\":90},{\"exerciseCode\":\"foam-roll-calf\",\"sets\":1,\"reps\":null,\"holdSeconds\":90}]},{\"phase\":2,\"exercises\":[{\"exerciseCode\":\"spanish-squat-isometric\",\"sets\":5,\"reps\":null,\"holdSeconds\":45},{\"exerciseCode\":\"squat-partial-range\",\"sets\":3,\"reps\":12,\"holdSeconds\":null},{\"exerciseCode\":\"split-squat-static-lunge\",\"sets\":3,\"reps\":10,\"holdSeconds\":null},{\"exerciseCode\":\"step-up-forward\",\"sets\":3,\"reps\":12,\"holdSeconds\":null},{\"exerciseCode\":\"standing-hip-abduction-band\",\"sets\":3,\"reps\":12,\"holdSeconds\":null},{\"exerciseCode\":\"bridge-double-leg\",\"sets\":3,\"reps\":15,\"holdSeconds\":null},{\"exerciseCode\":\"standing-marching\",\"sets\":3,\"reps\":20,\"holdSeconds\":null},{\"exerciseCode\":\"quad-stretch-prone\",\"sets\":3,\"reps\":null,\"holdSeconds\":30},{\"exerciseCode\":\"foam-roll-quadriceps\",\"sets\":1,\"reps\":null,\"holdSeconds\":90}]},{\"phase\":3,\"exercises\":[{\"exerciseCode\":\"reverse-lunge\",\"sets\":3,\"reps\":10,\"holdSeconds\":null},{\"exerciseCode\":\"lateral-step-down\",\"sets\":3,\"reps\":10,\"holdSeconds\":null},{\"exerciseCode\":\"single-leg-squat-supported\",\"sets\":3,\"reps\":8,\"holdSeconds\":null},{\"exerciseCode\":\"single-leg-deadlift\",\"sets\":3,\"reps\":10,\"holdSeconds\":null},{\"exerciseCode\":\"monster-walk-band\",\"sets\":3,\"reps\":20,\"holdSeconds\":null},{\"exerciseCode\":\"pogo-hops\",\"sets\":3,\"reps\":20,\"holdSeconds\":null},{\"exerciseCode\":\"a-skip-drill\",\"sets\":3,\"reps\":20,\"holdSeconds\":null},{\"exerciseCode\":\"quad-stretch-standing\",\"sets\":3,\"reps\":null,\"holdSeconds\":30}]},{\"phase\":4,\"exercises\":[{\"exerciseCode\":\"walk-run-progression\",\"sets\":1,\"reps\":null,\"holdSeconds\":1800},{\"exerciseCode\":\"single-leg-hops-in-place\",\"sets\":3,\"reps\":10,\"holdSeconds\":null},{\"exerciseCode\":\"single-leg-squat-supported\",\"sets\":3,\"reps\":8,\"holdSeconds\":null},{\"exerciseCode\":\"a-skip-drill\",\"sets\":3,\"reps\":20,\"holdSeconds\":null},{\"exerciseCode\":\"calf-stretch-wall\",\"sets\":3,\"reps\":null,\"holdSeconds\":30},{\"exerciseCode\":\"foam-roll-calf\",\"sets\":1,\"reps\":null,\"holdSeconds\":90}]}]", new DateTimeOffset(new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 3, "{\"exercisePainMax\":5,\"dailyPainBelow\":2,\"runningPainMax\":2,\"settleMinutesMax\":60,\"sessionsToProgress\":2,\"flareHoursToRegress\":24,\"requireApproval\":false}", "Published", "runners-knee,runner,default", "Chain" });

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_PatientId",
                table: "Decisions",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_ProgramId",
                table: "Decisions",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_Exercises_ClinicId",
                table: "Exercises",
                column: "ClinicId");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_ClinicId",
                table: "Patients",
                column: "ClinicId");

            migrationBuilder.CreateIndex(
                name: "IX_Programs_ClinicId",
                table: "Programs",
                column: "ClinicId");

            migrationBuilder.CreateIndex(
                name: "IX_Programs_PatientId_Status",
                table: "Programs",
                columns: new[] { "PatientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Templates_Visibility_Status",
                table: "Templates",
                columns: new[] { "Visibility", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_PatientId",
                table: "audit_log",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_UserId",
                table: "audit_log",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_messages_received_at_ms",
                table: "inbox_messages",
                column: "received_at_ms");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_lock_token",
                table: "outbox_messages",
                column: "lock_token");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_pending",
                table: "outbox_messages",
                columns: new[] { "delivered_at_ms", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Decisions");

            migrationBuilder.DropTable(
                name: "Exercises");

            migrationBuilder.DropTable(
                name: "Patients");

            migrationBuilder.DropTable(
                name: "Programs");

            migrationBuilder.DropTable(
                name: "Templates");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");
        }
    }
}
