namespace RehabPlatform.Sessions;

/// <summary>Sessions' own meter: counts by clinic and setting, never patient attributes.</summary>
public sealed class SessionsTelemetry(IMeterFactory meters)
{
    // IMeterFactory hands out one Meter per name, so every instrument below shares it.
    public const string MeterName = "RehabPlatform.Sessions";

    public Counter<long> SessionsLogged { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.sessions.logged", "{session}", "Sessions logged");
    public Counter<long> OutcomesReachingMcid { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.sessions.outcomes_mcid", "{outcome}", "Follow-up outcomes reaching the AKPS MCID");
    public Counter<long> OutcomesRecorded { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.sessions.outcomes", "{outcome}", "Follow-up outcomes, by clinic and whether the AKPS MCID was reached");
}
