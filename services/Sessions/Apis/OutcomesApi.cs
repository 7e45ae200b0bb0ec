namespace RehabPlatform.Sessions.Apis;

public static class OutcomesApi
{
    /// <param name="Akps">Option code per AKPS item code, as at intake.</param>
    public sealed record RecordOutcomeRequest(Dictionary<string, string?>? Akps, int? NprsNow);

    /// <param name="Deteriorated">Worse than the intake baseline by the MCID or more (AKPS down 10, or NPRS up 2 or 30 %): the therapist should look.</param>
    public sealed record OutcomeView(Guid Id, DateTimeOffset RecordedAt, int AkpsBaseline, int AkpsFollowUp, int AkpsChange, bool AkpsMcidReached,
        int NprsBaseline, int NprsFollowUp, bool NprsMcidReached, bool Deteriorated, bool SelfReported = false);

    public static RouteGroupBuilder MapOutcomesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sessions/patients/{patientId:guid}/outcomes").WithTags("Outcomes").RequireAuthorization(Policies.ClinicalStaff)
            .RequirePatientReach(FollowUpOutcomes.ResourceType);
        group.MapPost("/", RecordAsync);
        return group;
    }

    /// <summary>A follow-up AKPS and NPRS recorded by staff, compared with the intake baseline.</summary>
    private static async Task<Results<Created<OutcomeView>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid patientId, RecordOutcomeRequest request, SessionsDbContext db, FollowUpOutcomes outcomes, SessionsTelemetry telemetry, PatientInScope scope, CancellationToken ct)
    {
        var errors = FollowUpOutcomes.Validate(request, out var akps);
        if (errors.Any || akps is null)
            return errors.ToProblem();
        if (await outcomes.StageAsync(patientId, scope.ClinicId, request, akps, selfReported: false, ct) is not { } outcome)
            return NoBaseline();
        await db.SaveChangesAsync(ct);
        telemetry.OutcomeRecorded(outcome);
        return TypedResults.Created($"/api/sessions/patients/{patientId}/outcomes/{outcome.Id}", View(outcome));
    }

    internal static ProblemHttpResult NoBaseline() =>
        Problems.Conflict("No baseline", "Outcomes compare with the intake baseline, which has not arrived for this patient.");

    public static OutcomeView View(FollowUpOutcome o) => new(o.Id, o.RecordedAt, o.AkpsBaseline, o.AkpsFollowUp, o.AkpsFollowUp - o.AkpsBaseline,
        o.AkpsMcidReached, o.NprsBaseline, o.NprsFollowUp, o.NprsMcidReached, o.Deteriorated, o.SelfReported);
}
