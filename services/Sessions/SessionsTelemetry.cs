namespace RehabPlatform.Sessions;

/// <summary>Sessions' own meter: counts by clinic and setting, never patient attributes.</summary>
public sealed class SessionsTelemetry(IMeterFactory meters)
{
    // IMeterFactory hands out one Meter per name, so every instrument below shares it.
    public const string MeterName = "RehabPlatform.Sessions";

    public Counter<long> SessionsLogged { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.sessions.logged", "{session}", "Sessions logged");
    public Counter<long> OutcomesReachingMcid { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.sessions.outcomes_mcid", "{outcome}", "Follow-up outcomes reaching the AKPS MCID");
    public Counter<long> OutcomesRecorded { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.sessions.outcomes", "{outcome}", "Follow-up outcomes, by clinic, whether the AKPS MCID was reached and whether the patient answered in the app");

    public void OutcomeRecorded(FollowUpOutcome outcome)
    {
        if (outcome.AkpsMcidReached)
            OutcomesReachingMcid.Add(1);
        OutcomesRecorded.Add(1, MetricTags.Clinic(outcome.ClinicId), new("akps_mcid_reached", outcome.AkpsMcidReached ? "true" : "false"),
            new("self_reported", outcome.SelfReported ? "true" : "false"));
    }
}
