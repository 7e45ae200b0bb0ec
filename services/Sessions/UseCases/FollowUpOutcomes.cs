using RehabPlatform.Clinical;
using RehabPlatform.Contracts.Sessions;

namespace RehabPlatform.Sessions.UseCases;

/// <summary>
/// A follow-up AKPS and pain now, scored by the same AKPS scorer as Intake and compared with the intake baseline:
/// recorded by staff at a visit, or answered by the patient in the app to a questionnaire the therapist sent.
/// The outcome, its <see cref="OutcomeRecorded"/> and its audit entry are staged here; the caller commits them together.
/// </summary>
public sealed class FollowUpOutcomes(SessionsDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string ResourceType = "outcome";

    public abstract record Outcome
    {
        public sealed record Staged(FollowUpOutcome Recorded) : Outcome;
        public sealed record Invalid(FieldErrors Errors) : Outcome;
        public sealed record NoBaseline : Outcome;
    }

    public async Task<Outcome> StageAsync(Guid patientId, Guid clinicId, OutcomesApi.RecordOutcomeRequest request, bool selfReported, CancellationToken ct)
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
        if (errors.Any || akps is null)
            return new Outcome.Invalid(errors);
        if (await db.Baselines.FindAsync([patientId], ct) is not { } baseline)
            return new Outcome.NoBaseline();

        var now = clock.GetUtcNow();
        var outcome = new FollowUpOutcome
        {
            Id = Guid.CreateVersion7(), PatientId = patientId, ClinicId = clinicId, AkpsVersion = akps.Version,
            AkpsAnswers = request.Akps!, AkpsBaseline = baseline.AkpsScore, AkpsFollowUp = akps.Total,
            AkpsMcidReached = AkpsScorer.ReachesMcid(baseline.AkpsScore, akps.Total), NprsBaseline = baseline.NprsNow, NprsFollowUp = request.NprsNow!.Value,
            NprsMcidReached = Nprs.ReachesMcid(baseline.NprsNow, request.NprsNow.Value), RecordedAt = now, SelfReported = selfReported,
            Deteriorated = AkpsScorer.WorsensByMcid(baseline.AkpsScore, akps.Total) || Nprs.WorsensByMcid(baseline.NprsNow, request.NprsNow.Value),
        };
        db.Outcomes.Add(outcome);
        db.AddEvent(new OutcomeRecorded
        {
            OutcomeId = outcome.Id, PatientId = patientId, ClinicId = clinicId, AkpsBaseline = outcome.AkpsBaseline, AkpsFollowUp = outcome.AkpsFollowUp,
            AkpsChange = outcome.AkpsFollowUp - outcome.AkpsBaseline, AkpsMcidReached = outcome.AkpsMcidReached, NprsBaseline = outcome.NprsBaseline,
            NprsFollowUp = outcome.NprsFollowUp, NprsMcidReached = outcome.NprsMcidReached,
            WeeksSinceIntake = (int)((now - baseline.IntakeAt).TotalDays / 7), OccurredAt = now, Deteriorated = outcome.Deteriorated, SelfReported = selfReported,
        });
        audit.Stage(ResourceType, outcome.Id.ToString(), clinicId, patientId, AuditAction.Create);
        return new Outcome.Staged(outcome);
    }
}
