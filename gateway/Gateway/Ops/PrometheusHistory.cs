using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RehabPlatform.Gateway.Apis;
using RehabPlatform.Ops;
using Yarp.ReverseProxy;

namespace RehabPlatform.Gateway.Ops;

/// <summary>
/// The dashboard's last hour from a Prometheus the user already runs (Gateway:Ops:PrometheusUrl): the same series the
/// gateway would have kept in memory, as range queries over what Prometheus scraped from the services (their /metrics)
/// and from RabbitMQ's prometheus plugin. Queries run with the platform's metric names (see deploy/grafana).
/// </summary>
public sealed partial class PrometheusHistory(IHttpClientFactory httpClients, IProxyStateLookup proxyState, IOptions<GatewayOptions> options, TimeProvider clock,
    ILogger<PrometheusHistory> logger)
{
    public const string HttpClientName = "prometheus";

    private const string Requests = "http_server_request_duration_seconds";

    /// <summary>The memory's view with its series replaced by Prometheus's; the memory's own when Prometheus cannot answer.</summary>
    public async Task<OpsHistoryView> ViewAsync(OpsHistoryView memory, CancellationToken ct)
    {
        var ops = options.Value.Ops;
        if (ops.PrometheusUrl is null)
            return memory;
        try
        {
            return memory with
            {
                Services = await SeriesAsync(ops, ct), SampleSeconds = ops.SampleInterval.TotalSeconds, Source = OpsHistoryView.Prometheus,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or KeyNotFoundException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogUnavailable(logger, ex.GetType().Name);
            return memory with { SourceProblem = $"Prometheus at {ops.PrometheusUrl} did not answer ({ex.GetType().Name}); the charts show the gateway's own last hour." };
        }
    }

    private async Task<IReadOnlyList<ServiceSeries>> SeriesAsync(OpsOptions ops, CancellationToken ct)
    {
        var jobs = AggregatedHealth.Targets(proxyState).Select(t => t.Name).Distinct()
            .ToDictionary(service => ops.PrometheusJobs.GetValueOrDefault(service, service), service => service);
        var selector = $"job=~\"{string.Join('|', jobs.Keys.Select(Regex.Escape))}\"";
        var window = $"{Math.Max(1, (int)ops.PrometheusRateWindow.TotalSeconds)}s";
        string Rate(string metric, string extra = "") => $"sum by (job) (rate({metric}{{{selector}{extra}}}[{window}]))";
        string Quantile(double q, string metric) => $"histogram_quantile({q.ToString(CultureInfo.InvariantCulture)}, sum by (le, job) (rate({metric}_bucket{{{selector}}}[{window}])))";

        var queries = new Dictionary<string, string>
        {
            ["up"] = $"max by (job) (up{{{selector}}})",
            ["rps"] = Rate($"{Requests}_count"),
            // "or 0 * ..." keeps a 0 % where there were requests but no server error.
            ["errors"] = $"100 * ({Rate($"{Requests}_count", ",http_response_status_code=~\"5..\"")} or 0 * {Rate($"{Requests}_count")}) / {Rate($"{Requests}_count")}",
            ["p50"] = $"1000 * {Quantile(0.50, Requests)}",
            ["p95"] = $"1000 * {Quantile(0.95, Requests)}",
            ["p99"] = $"1000 * {Quantile(0.99, Requests)}",
            ["backlog"] = $"sum by (job) (rehab_outbox_backlog{{{selector}}})",
            ["age"] = $"max by (job) (rehab_outbox_oldest_age_seconds{{{selector}}})",
            ["lag"] = Quantile(0.95, "rehab_consumer_lag_milliseconds"),
            // A service's own queues are named after it ("programs-intake-completed"); error and skipped queues are not its backlog.
            ["queue"] = "sum by (job) (label_replace(rabbitmq_queue_messages{queue!~\".*_(error|skipped)\"}, \"job\", \"$1\", \"queue\", \"([a-z]+)-.*\"))",
        };
        var end = clock.GetUtcNow();
        var step = Math.Max(1, (long)ops.SampleInterval.TotalSeconds);
        // Whole steps, so every query's points fall on the same instants.
        var endSeconds = end.ToUnixTimeSeconds() / step * step;
        var startSeconds = endSeconds - (long)ops.HistoryWindow.TotalSeconds / step * step;
        var client = httpClients.CreateClient(HttpClientName);
        var answers = await Task.WhenAll(queries.Select(async q => (q.Key, Values: await RangeAsync(client, ops.PrometheusUrl!, q.Value, startSeconds, endSeconds, step, ct))));
        var results = answers.ToDictionary(a => a.Key, a => a.Values);

        double? At(string query, string job, long t) => results[query].TryGetValue(job, out var series) && series.TryGetValue(t, out var v) ? v : null;
        return jobs.OrderBy(j => j.Value, StringComparer.Ordinal).Select(job => new ServiceSeries(job.Value,
            Enumerable.Range(0, (int)((endSeconds - startSeconds) / step) + 1).Select(i => startSeconds + i * step)
                .Where(t => At("up", job.Key, t) is not null)
                .Select(t => new OpsPoint(DateTimeOffset.FromUnixTimeSeconds(t), At("up", job.Key, t) == 1, At("rps", job.Key, t), At("errors", job.Key, t),
                    At("p50", job.Key, t), At("p95", job.Key, t), At("p99", job.Key, t), At("backlog", job.Key, t), At("age", job.Key, t),
                    At("queue", job.Value, t) is { } depth ? (long)depth : null, At("lag", job.Key, t)))
                .ToList())).ToList();
    }

    /// <summary>A range query's series by their job label: instant (unix seconds) -> value; NaN and infinities are unknown.</summary>
    private static async Task<Dictionary<string, Dictionary<long, double>>> RangeAsync(HttpClient client, Uri prometheus, string query, long start, long end, long step,
        CancellationToken ct)
    {
        var url = new Uri(prometheus, "api/v1/query_range?" + string.Join('&',
            new[] { ("query", query), ("start", start.ToString(CultureInfo.InvariantCulture)), ("end", end.ToString(CultureInfo.InvariantCulture)), ("step", step.ToString(CultureInfo.InvariantCulture)) }
                .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")));
        using var response = await client.GetAsync(url, ct);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var data = document.RootElement.GetProperty("data");
        var series = new Dictionary<string, Dictionary<long, double>>();
        foreach (var result in data.GetProperty("result").EnumerateArray())
        {
            if (!result.GetProperty("metric").TryGetProperty("job", out var job) || job.GetString() is not { } name)
                continue;
            var values = series[name] = [];
            foreach (var point in result.GetProperty("values").EnumerateArray())
            {
                if (double.TryParse(point[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                    values[(long)point[0].GetDouble()] = value;
            }
        }
        return series;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus did not answer the ops history's queries ({ExceptionType}); serving the gateway's memory")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
