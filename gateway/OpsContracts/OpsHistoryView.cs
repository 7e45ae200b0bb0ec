namespace RehabPlatform.Ops;

/// <summary>The charts' data for the last hour: one point per recorded summary and service, and the clinic-level counters.</summary>
/// <param name="CountersNote">Counters are the services' own, counted since each process started.</param>
/// <param name="Source">Where the series come from: "memory" (the gateway's own last hour) or "prometheus".</param>
/// <param name="SourceProblem">Why a configured Prometheus is not the source right now (the memory serves meanwhile).</param>
public sealed record OpsHistoryView(DateTimeOffset At, double SampleSeconds, IReadOnlyList<ServiceSeries> Services, IReadOnlyList<ClinicCounters> Clinics, string CountersNote,
    string Source = OpsHistoryView.Memory, string? SourceProblem = null)
{
    public const string Memory = "memory";
    public const string Prometheus = "prometheus";
}

public sealed record ServiceSeries(string Name, IReadOnlyList<OpsPoint> Points);

/// <summary>One service at one moment; rates and percentiles cover the time since the previous point. Null is unknown (no data, or nothing to measure).</summary>
public sealed record OpsPoint(
    DateTimeOffset At, bool Ready, double? RequestsPerSecond, double? ServerErrorPercent, double? LatencyP50Ms, double? LatencyP95Ms, double? LatencyP99Ms,
    double? OutboxBacklog, double? OutboxOldestAgeSeconds, long? QueueDepth, double? ConsumerLagP95Ms);

/// <summary>A clinic's counters by metric (other labels summed); the clinic is an id, the dashboard shows its name.</summary>
public sealed record ClinicCounters(Guid ClinicId, IReadOnlyDictionary<string, double> Counters);
