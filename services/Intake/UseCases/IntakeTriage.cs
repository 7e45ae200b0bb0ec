using RehabPlatform.Clinical;
using RehabPlatform.Contracts.Intake;
using ConsentScope = RehabPlatform.Intake.Model.ConsentScope;

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

        /// <summary>A patient with an earlier intake: say whether this one reassesses the episode or starts a new one.</summary>
        public sealed record KindRequired : Outcome;

        public sealed record NotAwaitingReview : Outcome;
    }

    /// <param name="kind">Null for a patient's first intake; for a later one, a reassessment or a new episode.</param>
    public async Task<Outcome> SubmitAsync(Patient patient, IntakesApi.SubmitIntakeRequest request, AkpsScore akps, RedFlagChecklist checklist, IntakeKind? kind,
        CancellationToken ct)
    {
        if (!await ConsentsApi.IsGrantedAsync(db, patient.Id, ConsentScope.Treatment, ct))
        {
            await audit.RecordAsync(ResourceType, null, patient.ClinicId, patient.Id, AuditAction.Submit, AuditOutcome.Denied, ct);
            return new Outcome.TreatmentConsentMissing();
        }

        var previous = await db.Intakes.AsNoTracking().Where(i => i.PatientId == patient.Id).OrderByDescending(i => i.SubmittedAt)
            .Select(i => new { i.EpisodeId }).FirstOrDefaultAsync(ct);
        if (previous is not null && kind is null or IntakeKind.Initial || previous is null && kind is IntakeKind.Reassessment)
            return new Outcome.KindRequired();
        var episode = kind == IntakeKind.Reassessment ? previous!.EpisodeId : Guid.CreateVersion7();

        var now = clock.GetUtcNow();
        var running = request.Running!;
        var isRunner = running.IsRunner!.Value;
        var age = RedFlagScreen.AgeOn(patient.BirthDate, DateOnly.FromDateTime(now.UtcDateTime));
        var akpsLimp = request.Akps!.TryGetValue("limp", out var limp) && limp != "none";
        var screened = RedFlagScreen.Evaluate(checklist, age, isRunner, akpsLimp);
        var findings = AkpsRedFlagCrossCheck.Check(request.Akps, screened);
        IReadOnlyList<string> redFlags = [.. screened, .. findings.Where(f => f.Refers).Select(f => f.Code)];
        List<string> review = redFlags.Count > 0 ? [] : [.. findings.Where(f => !f.Refers).Select(f => f.Code)];
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
            Outcome = redFlags.Count > 0 ? IntakeOutcome.ReferredOut : review.Count > 0 ? IntakeOutcome.NeedsReview : IntakeOutcome.Cleared,
            Kind = kind ?? IntakeKind.Initial,
            EpisodeId = episode,
            ReviewReasons = review,
            SubmittedAt = now,
            SubmittedBy = caller.UserId,
        };
        db.Intakes.Add(intake);

        if (intake.Outcome == IntakeOutcome.ReferredOut)
        {
            patient.ReferredOut = true;
            db.AddEvent(new PatientReferredOut { IntakeId = intake.Id, PatientId = patient.Id, ClinicId = patient.ClinicId, RedFlags = redFlags, OccurredAt = now });
        }
        else if (intake.Outcome == IntakeOutcome.Cleared)
        {
            db.AddEvent(Completed(intake, now));
        }
        audit.Stage(ResourceType, intake.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Submit);
        await db.SaveChangesAsync(ct);
        if (intake.Outcome != IntakeOutcome.NeedsReview)
            (intake.Outcome == IntakeOutcome.ReferredOut ? telemetry.Referrals : telemetry.IntakesCompleted).Add(1, MetricTags.Clinic(patient.ClinicId));
        return new Outcome.Assessed(intake);
    }

    /// <summary>
    /// A therapist reviews AKPS answers that may be red flags: cleared, the intake assigns the program as any other;
    /// referred, the patient goes to a physician with the answers as the reason. The review is recorded on the intake.
    /// </summary>
    public async Task<Outcome> ReviewAsync(Patient patient, Guid intakeId, bool refer, CancellationToken ct)
    {
        var intake = await db.Intakes.SingleOrDefaultAsync(i => i.Id == intakeId && i.PatientId == patient.Id, ct);
        if (intake is null || intake.Outcome != IntakeOutcome.NeedsReview)
            return new Outcome.NotAwaitingReview();
        var now = clock.GetUtcNow();
        intake.ReviewedBy = caller.UserId;
        intake.ReviewedAt = now;
        if (refer)
        {
            intake.Outcome = IntakeOutcome.ReferredOut;
            intake.RedFlags.AddRange(intake.ReviewReasons);
            patient.ReferredOut = true;
            db.AddEvent(new PatientReferredOut { IntakeId = intake.Id, PatientId = patient.Id, ClinicId = patient.ClinicId, RedFlags = intake.RedFlags, OccurredAt = now });
        }
        else
        {
            intake.Outcome = IntakeOutcome.Cleared;
            db.AddEvent(Completed(intake, now));
        }
        audit.Stage(ResourceType, intake.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Update, purpose: "red-flag-review");
        await db.SaveChangesAsync(ct);
        (refer ? telemetry.Referrals : telemetry.IntakesCompleted).Add(1, MetricTags.Clinic(patient.ClinicId));
        return new Outcome.Assessed(intake);
    }

    /// <summary>Records that a therapist acted on a referral; acting twice keeps the first time.</summary>
    /// <returns>Null when the patient has no such intake; the intake unchanged when it did not refer.</returns>
    public async Task<IntakeAssessment?> ActOnReferralAsync(Patient patient, Guid intakeId, CancellationToken ct)
    {
        var intake = await db.Intakes.SingleOrDefaultAsync(i => i.Id == intakeId && i.PatientId == patient.Id, ct);
        if (intake is null || intake.Outcome != IntakeOutcome.ReferredOut || intake.ReferralActedAt is not null)
            return intake;
        var now = clock.GetUtcNow();
        (intake.ReferralActedAt, intake.ReferralActedBy) = (now, caller.UserId);
        db.AddEvent(new ReferralActedOn
        {
            IntakeId = intake.Id, PatientId = patient.Id, ClinicId = intake.ClinicId, ReferredAt = intake.ReviewedAt ?? intake.SubmittedAt, OccurredAt = now,
        });
        audit.Stage(ResourceType, intake.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Update, purpose: "referral-acted-on");
        await db.SaveChangesAsync(ct);
        return intake;
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
        EpisodeId = intake.EpisodeId,
        IsReassessment = intake.Kind == IntakeKind.Reassessment,
    };
}
