using RehabPlatform.Clinical;

namespace RehabPlatform.Intake.Apis;

public static class IntakesApi
{
    public sealed record NprsAnswers(int? Now, int? WorstLastWeek, int? WhileRunning);

    public sealed record RunningAnswers(bool? IsRunner, decimal? WeeklyDistanceKm, int? YearsRunning, bool? RecentLoadChange, string? GoalType, DateOnly? GoalDate);

    /// <summary>The red-flag checklist; every item must be answered true or false.</summary>
    public sealed record RedFlagAnswers(
        bool? HotRedSwollenJoint, bool? Fever, bool? RecentTrauma, bool? IsolatedKneecapTenderness, bool? FibularHeadTenderness,
        bool? UnableToFlexTo90Degrees, bool? UnableToBearWeightFourSteps, bool? RapidSwellingAfterInjury, bool? LockedKnee, bool? Deformity,
        bool? FirstKneecapDislocation, bool? SuspectedTendonRupture, bool? NumbnessOrWeakness, bool? PoorCirculation, bool? CalfSwellingAndWarmth,
        bool? ConstantOrNightPain, bool? UnexplainedWeightLoss, bool? HistoryOfCancer, bool? Limp, bool? PinpointBonePain);

    /// <param name="Akps">Option code per AKPS item code; GET /api/intake/questionnaires/akps lists both.</param>
    /// <param name="Kind">Leave out for a patient's first intake; for a later one, "reassessment" (same episode, the baseline stays) or "new-episode".</param>
    public sealed record SubmitIntakeRequest(Dictionary<string, string?>? Akps, NprsAnswers? Nprs, Side? AffectedSide, int? SymptomDurationWeeks,
        RunningAnswers? Running, RedFlagAnswers? RedFlags, IntakeKind? Kind = null);

    public sealed record IntakeView(Guid Id, Guid PatientId, Guid ClinicId, string AkpsVersion, int AkpsScore, int NprsNow, int NprsWorstLastWeek,
        int NprsWhileRunning, Side AffectedSide, int SymptomDurationWeeks, IntakeOutcome Outcome, IReadOnlyList<string> RedFlags, DateTimeOffset SubmittedAt,
        IntakeKind Kind, Guid EpisodeId, IReadOnlyList<string> ReviewReasons, string? ReviewedBy, DateTimeOffset? ReviewedAt,
        DateTimeOffset? ReferralActedAt = null);

    /// <param name="Decision">"clear" (the intake assigns the program) or "refer" (to a physician, the answers as the reason).</param>
    public sealed record ReviewRequest(string? Decision);

    private const string ResourceType = "intake";

    public static RouteGroupBuilder MapIntakesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/intake/patients/{patientId:guid}/intakes").WithTags("Intakes").RequireAuthorization(Policies.ClinicalStaff)
            .RequirePatientReach(ResourceType);
        group.MapPost("/", SubmitAsync).WithMetadata(new PatientAuditAction(AuditAction.Submit));
        group.MapGet("/", ListAsync);
        group.MapPost("/{intakeId:guid}/review", ReviewAsync).WithMetadata(new PatientAuditAction(AuditAction.Update));
        group.MapPost("/{intakeId:guid}/referral-acted-on", ActOnReferralAsync).WithMetadata(new PatientAuditAction(AuditAction.Update));
        return group;
    }

    private static async Task<Results<Created<IntakeView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        Guid patientId, SubmitIntakeRequest request, IntakeDbContext db, CallerContext caller, AuditTrail audit, IntakeTriage triage, PatientInScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (akps, checklist) = Validate(request, errors);
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        if (errors.Any || akps is null || checklist is null)
        {
            await audit.RecordAsync(ResourceType, null, patient.ClinicId, patient.Id, AuditAction.Submit, AuditOutcome.Invalid, ct);
            return errors.ToProblem();
        }
        return await triage.SubmitAsync(patient, request, akps, checklist, request.Kind, ct) switch
        {
            IntakeTriage.Outcome.Assessed assessed => TypedResults.Created($"/api/intake/patients/{patient.Id}/intakes/{assessed.Intake.Id}", View(assessed.Intake)),
            IntakeTriage.Outcome.KindRequired => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["kind"] = ["This patient has an earlier intake: \"reassessment\" (the episode's baseline stays) or \"new-episode\". A first intake leaves it out."],
            }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Treatment consent required",
                detail: "Record the patient's consent to treatment before the intake: the intake assigns their program.",
                type: "https://rehabplatform.example/problems/consent-required"),
        };
    }

    /// <summary>A therapist clears or refers an intake held for AKPS answers that may be red flags.</summary>
    private static async Task<Results<Ok<IntakeView>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        Guid patientId, Guid intakeId, ReviewRequest request, IntakeDbContext db, IntakeTriage triage, PatientInScope scope, CancellationToken ct)
    {
        if (request.Decision is not ("clear" or "refer"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["decision"] = ["\"clear\" or \"refer\"."] });
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        return await triage.ReviewAsync(patient, intakeId, request.Decision == "refer", ct) is IntakeTriage.Outcome.Assessed reviewed
            ? TypedResults.Ok(View(reviewed.Intake))
            : Problems.Conflict("Not awaiting review", "Only an intake held for a therapist's review can be cleared or referred.");
    }

    /// <summary>The therapist contacted the physician and told the patient: the referral leaves the worklist, and analytics times it.</summary>
    private static async Task<Results<Ok<IntakeView>, ProblemHttpResult>> ActOnReferralAsync(
        Guid patientId, Guid intakeId, IntakeDbContext db, IntakeTriage triage, PatientInScope scope, CancellationToken ct)
    {
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        return await triage.ActOnReferralAsync(patient, intakeId, ct) switch
        {
            null => Problems.NotFound("Intake"),
            { Outcome: IntakeOutcome.ReferredOut } intake => TypedResults.Ok(View(intake)),
            _ => Problems.Conflict("Not a referral", "Only an intake that referred the patient to a physician can be marked as acted on."),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<IntakeView>>, ProblemHttpResult>> ListAsync(
        Guid patientId, IntakeDbContext db, CallerContext caller, AuditTrail audit, PatientInScope scope, CancellationToken ct)
    {
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var intakes = await db.Intakes.AsNoTracking().Where(i => i.PatientId == patientId).OrderByDescending(i => i.SubmittedAt).ToListAsync(ct);
        await audit.RecordReadAsync(ResourceType, null, patient.ClinicId, patient.Id, ct: ct);
        return TypedResults.Ok<IReadOnlyList<IntakeView>>(intakes.Select(View).ToList());
    }

    private static (AkpsScore? Akps, RedFlagChecklist? Checklist) Validate(SubmitIntakeRequest request, FieldErrors errors)
    {
        AkpsScore? akps = null;
        if (errors.Required(request.Akps, "akps"))
        {
            var (score, akpsErrors) = AkpsScorer.Score(request.Akps);
            errors.AddAll("akps.", akpsErrors.Select(e => (e.ItemCode, e.Message)));
            akps = score;
        }

        if (errors.Required(request.Nprs, "nprs"))
        {
            foreach (var (value, field) in new[] { (request.Nprs.Now, "now"), (request.Nprs.WorstLastWeek, "worstLastWeek"), (request.Nprs.WhileRunning, "whileRunning") })
            {
                if (errors.Required(value, $"nprs.{field}"))
                    errors.Range(value, $"nprs.{field}", Nprs.Min, Nprs.Max);
            }
        }
        errors.Required(request.AffectedSide, "affectedSide");
        if (errors.Required(request.SymptomDurationWeeks, "symptomDurationWeeks"))
            errors.Range(request.SymptomDurationWeeks, "symptomDurationWeeks", 0, 52 * 50);

        if (errors.Required(request.Running, "running") && errors.Required(request.Running.IsRunner, "running.isRunner") && request.Running.IsRunner.Value)
        {
            if (errors.Required(request.Running.WeeklyDistanceKm, "running.weeklyDistanceKm"))
                errors.Range(request.Running.WeeklyDistanceKm, "running.weeklyDistanceKm", 0m, 500m);
            if (errors.Required(request.Running.YearsRunning, "running.yearsRunning"))
                errors.Range(request.Running.YearsRunning, "running.yearsRunning", 0, 90);
            errors.Required(request.Running.RecentLoadChange, "running.recentLoadChange");
        }
        errors.MaxLength(request.Running?.GoalType, "running.goalType", 64);

        RedFlagChecklist? checklist = null;
        if (errors.Required(request.RedFlags, "redFlags"))
        {
            var answers = request.RedFlags;
            foreach (var property in typeof(RedFlagAnswers).GetProperties())
            {
                if (property.GetValue(answers) is null)
                    errors.Add("redFlags." + JsonNamingPolicy.CamelCase.ConvertName(property.Name), "Answer every red-flag item with true or false.");
            }
            if (!errors.Any)
                checklist = ToChecklist(answers);
        }
        return (akps, checklist);
    }

    private static RedFlagChecklist ToChecklist(RedFlagAnswers a) => new()
    {
        HotRedSwollenJoint = a.HotRedSwollenJoint!.Value,
        Fever = a.Fever!.Value,
        RecentTrauma = a.RecentTrauma!.Value,
        IsolatedKneecapTenderness = a.IsolatedKneecapTenderness!.Value,
        FibularHeadTenderness = a.FibularHeadTenderness!.Value,
        UnableToFlexTo90Degrees = a.UnableToFlexTo90Degrees!.Value,
        UnableToBearWeightFourSteps = a.UnableToBearWeightFourSteps!.Value,
        RapidSwellingAfterInjury = a.RapidSwellingAfterInjury!.Value,
        LockedKnee = a.LockedKnee!.Value,
        Deformity = a.Deformity!.Value,
        FirstKneecapDislocation = a.FirstKneecapDislocation!.Value,
        SuspectedTendonRupture = a.SuspectedTendonRupture!.Value,
        NumbnessOrWeakness = a.NumbnessOrWeakness!.Value,
        PoorCirculation = a.PoorCirculation!.Value,
        CalfSwellingAndWarmth = a.CalfSwellingAndWarmth!.Value,
        ConstantOrNightPain = a.ConstantOrNightPain!.Value,
        UnexplainedWeightLoss = a.UnexplainedWeightLoss!.Value,
        HistoryOfCancer = a.HistoryOfCancer!.Value,
        Limp = a.Limp!.Value,
        PinpointBonePain = a.PinpointBonePain!.Value,
    };

    private static IntakeView View(IntakeAssessment i) => new(i.Id, i.PatientId, i.ClinicId, i.AkpsVersion, i.AkpsScore, i.NprsNow, i.NprsWorstLastWeek,
        i.NprsWhileRunning, i.AffectedSide, i.SymptomDurationWeeks, i.Outcome,
        i.RedFlags, i.SubmittedAt, i.Kind, i.EpisodeId, i.ReviewReasons, i.ReviewedBy, i.ReviewedAt, i.ReferralActedAt);
}
