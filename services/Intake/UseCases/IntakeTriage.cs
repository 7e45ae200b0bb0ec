using RehabPlatform.Clinical;
using RehabPlatform.Contracts.Intake;
using ConsentScope = RehabPlatform.Intake.Model.ConsentScope;
using RehabPlatform.Intake.Apis;

namespace RehabPlatform.Intake.UseCases;

/// <summary>
/// The intake decision: a validated intake of a patient with treatment consent is stored, and the red-flag screen
/// decides whether the patient is referred out (<see cref="PatientReferredOut"/>) or cleared for a program
/// (<see cref="IntakeCompleted"/>), staged with the intake so that both commit together.
/// </summary>
public sealed class IntakeTriage(IntakeDbContext db, CallerContext caller, AuditTrail audit, IntakeTelemetry telemetry, TimeProvider clock)
{
    private const string ResourceType = "intake";

    public abstract record Outcome
    {
        public sealed record Assessed(IntakeAssessment Intake) : Outcome;

        /// <summary>An intake starts treatment (it assigns the program), so it needs the patient's treatment consent.</summary>
        public sealed record TreatmentConsentMissing : Outcome;
    }

    public async Task<Outcome> SubmitAsync(Patient patient, IntakesApi.SubmitIntakeRequest request, AkpsScore akps, RedFlagChecklist checklist, CancellationToken ct)
    {
        if (!await ConsentsApi.IsGrantedAsync(db, patient.Id, ConsentScope.Treatment, ct))
        {
            await audit.RecordAsync(ResourceType, null, patient.ClinicId, patient.Id, AuditAction.Submit, AuditOutcome.Denied, ct);
            return new Outcome.TreatmentConsentMissing();
        }

        var now = clock.GetUtcNow();
        var running = request.Running!;
        var isRunner = running.IsRunner!.Value;
        var age = RedFlagScreen.AgeOn(patient.BirthDate, DateOnly.FromDateTime(now.UtcDateTime));
        var akpsLimp = request.Akps!.TryGetValue("limp", out var limp) && limp != "none";
        var redFlags = RedFlagScreen.Evaluate(checklist, age, isRunner, akpsLimp);
        var intake = new IntakeAssessment
        {
            Id = Guid.CreateVersion7(),
            PatientId = patient.Id,
            ClinicId = patient.ClinicId,
            AkpsVersion = akps.Version,
            AkpsAnswers = request.Akps,
            AkpsScore = akps.Total,
            NprsNow = request.Nprs!.Now!.Value,
            NprsWorstLastWeek = request.Nprs.WorstLastWeek!.Value,
            NprsWhileRunning = request.Nprs.WhileRunning!.Value,
            AffectedSide = request.AffectedSide!.Value,
            SymptomDurationWeeks = request.SymptomDurationWeeks!.Value,
            IsRunner = isRunner,
            WeeklyDistanceKm = running.WeeklyDistanceKm ?? 0,
            YearsRunning = running.YearsRunning ?? 0,
            RecentLoadChange = running.RecentLoadChange ?? false,
            GoalType = running.GoalType?.Trim(),
            GoalDate = running.GoalDate,
            RedFlagChecklist = checklist,
            RedFlags = [.. redFlags],
            Outcome = redFlags.Count > 0 ? IntakeOutcome.ReferredOut : IntakeOutcome.Cleared,
            SubmittedAt = now,
            SubmittedBy = caller.UserId,
        };
        db.Intakes.Add(intake);

        if (intake.Outcome == IntakeOutcome.ReferredOut)
        {
            patient.ReferredOut = true;
            db.AddEvent(new PatientReferredOut { IntakeId = intake.Id, PatientId = patient.Id, ClinicId = patient.ClinicId, RedFlags = redFlags, OccurredAt = now });
        }
        else
        {
            db.AddEvent(Completed(intake, now));
        }
        audit.Stage(ResourceType, intake.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Submit);
        await db.SaveChangesAsync(ct);
        (intake.Outcome == IntakeOutcome.ReferredOut ? telemetry.Referrals : telemetry.IntakesCompleted).Add(1, MetricTags.Clinic(patient.ClinicId));
        return new Outcome.Assessed(intake);
    }

    private static IntakeCompleted Completed(IntakeAssessment intake, DateTimeOffset now) => new()
    {
        IntakeId = intake.Id,
        PatientId = intake.PatientId,
        ClinicId = intake.ClinicId,
        AkpsScore = intake.AkpsScore,
        AkpsVersion = intake.AkpsVersion,
        NprsNow = intake.NprsNow,
        NprsWorstLastWeek = intake.NprsWorstLastWeek,
        NprsWhileRunning = intake.NprsWhileRunning,
        AffectedSide = intake.AffectedSide.ToContract(),
        SymptomDurationWeeks = intake.SymptomDurationWeeks,
        Running = new RunningProfile
        {
            IsRunner = intake.IsRunner,
            WeeklyDistanceKm = intake.WeeklyDistanceKm,
            YearsRunning = intake.YearsRunning,
            RecentLoadChange = intake.RecentLoadChange,
            GoalType = intake.GoalType,
            GoalDate = intake.GoalDate,
        },
        OccurredAt = now,
    };
}
