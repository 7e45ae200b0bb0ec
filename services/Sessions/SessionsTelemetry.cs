using System.Diagnostics.Metrics;

namespace RehabPlatform.Sessions;

/// <summary>Sessions' own meter: counts by clinic and setting, never patient attributes.</summary>
public sealed class SessionsTelemetry
{
    public const string MeterName = "RehabPlatform.Sessions";

    public SessionsTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        SessionsLogged = meter.CreateCounter<long>("rehab.sessions.logged", "{session}", "Sessions logged");
        OutcomesReachingMcid = meter.CreateCounter<long>("rehab.sessions.outcomes_mcid", "{outcome}", "Follow-up outcomes reaching the AKPS MCID");
        OutcomesRecorded = meter.CreateCounter<long>("rehab.sessions.outcomes", "{outcome}", "Follow-up outcomes, by clinic and whether the AKPS MCID was reached");
    }

    public Counter<long> SessionsLogged { get; }
    public Counter<long> OutcomesReachingMcid { get; }
    public Counter<long> OutcomesRecorded { get; }
}
