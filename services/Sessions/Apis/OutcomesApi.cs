using RehabPlatform.Clinical;
using RehabPlatform.Contracts.Sessions;

namespace RehabPlatform.Sessions.Apis;

public static class OutcomesApi
{
    /// <param name="Akps">Option code per AKPS item code, as at intake.</param>
    public sealed record RecordOutcomeRequest(Dictionary<string, string?>? Akps, int? NprsNow);

    /// <param name="Deteriorated">Worse than the intake baseline by the MCID or more (AKPS down 10, or NPRS up 2 or 30 %): the therapist should look.</param>
    public sealed record OutcomeView(Guid Id, DateTimeOffset RecordedAt, int AkpsBaseline, int AkpsFollowUp, int AkpsChange, bool AkpsMcidReached,
        int NprsBaseline, int NprsFollowUp, bool NprsMcidReached, bool Deteriorated);

    private const string ResourceType = "outcome";

    public static RouteGroupBuilder MapOutcomesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sessions/patients/{patientId:guid}/outcomes").WithTags("Outcomes").RequireAuthorization(Policies.ClinicalStaff)
            .RequirePatientReach(ResourceType);
        group.MapPost("/", RecordAsync);
        return group;
    }

    /// <summary>A follow-up AKPS and NPRS, scored by the same AKPS scorer as Intake and compared with the intake baseline.</summary>
    private static async Task<Results<Created<OutcomeView>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid patientId, RecordOutcomeRequest request, SessionsDbContext db, CallerContext caller, AuditTrail audit, SessionsTelemetry telemetry, TimeProvider clock, PatientInScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        AkpsScore? akps = null;
        if (errors.Required(request.Akps, "akps"))
        {
            var (score, akpsErrors) = AkpsScorer.Score(request.Akps);
            errors.AddAll("akps.", akpsErrors.Select(e => (e.ItemCode, e.Message)));
            akps = score;
        }
        if (errors.Required(request.NprsNow, "nprsNow"))
            errors.Range(request.NprsNow, "nprsNow", Nprs.Min, Nprs.Max);
        var clinicId = scope.ClinicId;
        if (errors.Any || akps is null)
            return errors.ToProblem();
        if (await db.Baselines.FindAsync([patientId], ct) is not { } baseline)
            return Problems.Conflict("No baseline", "Outcomes compare with the intake baseline, which has not arrived for this patient.");

        var now = clock.GetUtcNow();
        var outcome = new FollowUpOutcome
        {
            Id = Guid.CreateVersion7(), PatientId = patientId, ClinicId = clinicId, AkpsVersion = akps.Version,
            AkpsAnswers = request.Akps!, AkpsBaseline = baseline.AkpsScore, AkpsFollowUp = akps.Total,
            AkpsMcidReached = AkpsScorer.ReachesMcid(baseline.AkpsScore, akps.Total), NprsBaseline = baseline.NprsNow, NprsFollowUp = request.NprsNow!.Value,
            NprsMcidReached = Nprs.ReachesMcid(baseline.NprsNow, request.NprsNow.Value), RecordedAt = now,
            Deteriorated = AkpsScorer.WorsensByMcid(baseline.AkpsScore, akps.Total) || Nprs.WorsensByMcid(baseline.NprsNow, request.NprsNow.Value),
        };
        db.Outcomes.Add(outcome);
        db.AddEvent(new OutcomeRecorded
        {
            OutcomeId = outcome.Id, PatientId = patientId, ClinicId = clinicId, AkpsBaseline = outcome.AkpsBaseline, AkpsFollowUp = outcome.AkpsFollowUp,
            AkpsChange = outcome.AkpsFollowUp - outcome.AkpsBaseline, AkpsMcidReached = outcome.AkpsMcidReached, NprsBaseline = outcome.NprsBaseline,
            NprsFollowUp = outcome.NprsFollowUp, NprsMcidReached = outcome.NprsMcidReached,
            WeeksSinceIntake = (int)((now - baseline.IntakeAt).TotalDays / 7), OccurredAt = now, Deteriorated = outcome.Deteriorated,
        });
        audit.Stage(ResourceType, outcome.Id.ToString(), clinicId, patientId, AuditAction.Create);
        await db.SaveChangesAsync(ct);
        if (outcome.AkpsMcidReached)
            telemetry.OutcomesReachingMcid.Add(1);
        telemetry.OutcomesRecorded.Add(1, MetricTags.Clinic(clinicId), new("akps_mcid_reached", outcome.AkpsMcidReached ? "true" : "false"));
        return TypedResults.Created($"/api/sessions/patients/{patientId}/outcomes/{outcome.Id}", View(outcome));
    }

    public static OutcomeView View(FollowUpOutcome o) => new(o.Id, o.RecordedAt, o.AkpsBaseline, o.AkpsFollowUp, o.AkpsFollowUp - o.AkpsBaseline,
        o.AkpsMcidReached, o.NprsBaseline, o.NprsFollowUp, o.NprsMcidReached, o.Deteriorated);
}
