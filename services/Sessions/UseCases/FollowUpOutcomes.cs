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

    /// <summary>The answers scored, or the fields that are wrong.</summary>
    public static FieldErrors Validate(OutcomesApi.RecordOutcomeRequest request, out AkpsScore? akps)
    {
        var errors = new FieldErrors();
        akps = null;
        if (errors.Required(request.Akps, "akps"))
        {
            var (score, akpsErrors) = AkpsScorer.Score(request.Akps);
            errors.AddAll("akps.", akpsErrors.Select(e => (e.ItemCode, e.Message)));
            akps = score;
        }
        if (errors.Required(request.NprsNow, "nprsNow"))
            errors.Range(request.NprsNow, "nprsNow", Nprs.Min, Nprs.Max);
        return errors;
    }

    /// <summary>The outcome staged for commit, or null when the intake baseline has not arrived here.</summary>
    public async Task<FollowUpOutcome?> StageAsync(Guid patientId, Guid clinicId, OutcomesApi.RecordOutcomeRequest request, AkpsScore akps, bool selfReported,
        CancellationToken ct)
    {
        if (await db.Baselines.FindAsync([patientId], ct) is not { } baseline)
            return null;

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
        return outcome;
    }
}
