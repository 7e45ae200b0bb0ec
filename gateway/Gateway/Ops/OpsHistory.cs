using Microsoft.Extensions.Options;
using RehabPlatform.Ops;

namespace RehabPlatform.Gateway.Ops;

/// <summary>
/// The embedded default's memory of the platform: the summaries of the last hour. A restart of the gateway forgets
/// it; production keeps the long-term view in Prometheus and the Grafana dashboards of deploy/grafana.
/// </summary>
public sealed class OpsHistory(IOptions<GatewayOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Queue<OpsSummary> _summaries = new();

    public void Add(OpsSummary summary)
    {
        lock (_gate)
        {
            _summaries.Enqueue(summary);
            var oldest = clock.GetUtcNow() - options.Value.Ops.HistoryWindow;
            while (_summaries.Count > 1 && _summaries.Peek().At < oldest)
                _summaries.Dequeue();
        }
    }

    public OpsHistoryView View()
    {
        List<OpsSummary> summaries;
        lock (_gate)
            summaries = [.. _summaries];
        var names = summaries.SelectMany(s => s.Services).Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        var series = names.Select(name => new ServiceSeries(name, Points(name, summaries))).ToList();
        var clinics = summaries.Count == 0 ? [] : ClinicCountersOf(summaries[^1]);
        return new OpsHistoryView(clock.GetUtcNow(), options.Value.Ops.SampleInterval.TotalSeconds, series, clinics, "Counted since each service last started.");
    }

    private static List<OpsPoint> Points(string service, List<OpsSummary> summaries)
    {
        var points = new List<OpsPoint>();
        ServiceOps? previous = null;
        var previousAt = DateTimeOffset.MinValue;
        foreach (var summary in summaries)
        {
            if (summary.Services.FirstOrDefault(s => s.Name == service) is not { } current)
                continue;
            points.Add(Point(summary, current, previous, (summary.At - previousAt).TotalSeconds));
            previous = current.MetricsError is null ? current : null;
            previousAt = summary.At;
        }
        return points;
    }

    private static OpsPoint Point(OpsSummary summary, ServiceOps current, ServiceOps? previous, double seconds)
    {
        var known = current.MetricsError is null && previous is not null && seconds > 0;
        var requests = known ? Increase(current.Requests, previous!.Requests) : null;
        var errors = known ? Increase(current.ServerErrors, previous!.ServerErrors) : null;
        var durations = known ? current.RequestDurations.Since(previous!.RequestDurations) : Histogram.Empty;
        var lag = known ? current.ConsumerLag.Since(previous!.ConsumerLag) : Histogram.Empty;
        return new OpsPoint(summary.At, current.Status == "Healthy",
            requests / seconds,
            requests > 0 ? 100.0 * errors / requests : null,
            Milliseconds(durations.Quantile(0.50)), Milliseconds(durations.Quantile(0.95)), Milliseconds(durations.Quantile(0.99)),
            current.OutboxBacklog, current.OutboxOldestAgeSeconds, QueueDepth(summary.Queues, current.Name), lag.Quantile(0.95));
    }

    // A counter lower than before means the process restarted and counts from zero again.
    private static double? Increase(long? current, long? previous) =>
        current is null || previous is null ? null : current >= previous ? current - previous : current;

    private static double? Milliseconds(double? seconds) => seconds * 1000;

    /// <summary>Messages waiting in the service's own queues ("programs-intake-completed"), not counting its error queues.</summary>
    private static long? QueueDepth(QueueReport queues, string service)
    {
        if (!queues.Available)
            return null;
        var own = queues.Queues.Where(q => q.Name.StartsWith(service + "-", StringComparison.Ordinal) && !q.IsErrorQueue && !q.Name.EndsWith("_skipped", StringComparison.Ordinal)).ToList();
        return own.Count == 0 ? null : own.Sum(q => (q.Ready ?? 0) + (q.Unacknowledged ?? 0));
    }

    private static List<ClinicCounters> ClinicCountersOf(OpsSummary summary)
    {
        var byClinic = new Dictionary<Guid, Dictionary<string, double>>();
        foreach (var service in summary.Services)
        {
            foreach (var (key, value) in service.Counters)
            {
                if (ClinicOf(key) is not { } clinic)
                    continue;
                var metric = key[..key.IndexOf('{')];
                var counters = byClinic.TryGetValue(clinic.Id, out var existing) ? existing : byClinic[clinic.Id] = [];
                counters[metric] = counters.GetValueOrDefault(metric) + value;
                if (metric == "rehab_sessions_outcomes_total" && clinic.McidReached)
                    counters["rehab_sessions_outcomes_mcid_reached"] = counters.GetValueOrDefault("rehab_sessions_outcomes_mcid_reached") + value;
            }
        }
        return byClinic.Select(c => new ClinicCounters(c.Key, c.Value)).OrderBy(c => c.ClinicId).ToList();
    }

    // Counter keys read "name{clinic=<id>,setting=Home}" (see OpsSummaryBuilder).
    private static (Guid Id, bool McidReached)? ClinicOf(string key)
    {
        var open = key.IndexOf('{');
        if (open < 0 || !key.EndsWith('}'))
            return null;
        var labels = key[(open + 1)..^1].Split(',').Select(l => l.Split('=', 2)).Where(l => l.Length == 2).ToDictionary(l => l[0], l => l[1]);
        return labels.TryGetValue("clinic", out var clinic) && Guid.TryParse(clinic, out var id)
            ? (id, labels.GetValueOrDefault("akps_mcid_reached") == "true")
            : null;
    }
}

/// <summary>Records a summary every <see cref="OpsOptions.SampleInterval"/> while the gateway runs.</summary>
public sealed partial class OpsRecorder(OpsSummaryBuilder builder, OpsHistory history, IOptions<GatewayOptions> options, ILogger<OpsRecorder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Ops.SampleInterval;
        if (interval <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                history.Add(await builder.BuildAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; a gap in the charts is better than a gateway without its dashboard.
                LogRecordFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the ops summary ({ExceptionType}); the charts will have a gap")]
    private static partial void LogRecordFailed(ILogger logger, string exceptionType);
}
