using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using RehabPlatform.Gateway.Apis;
using Yarp.ReverseProxy;

namespace RehabPlatform.Gateway.Ops;

/// <summary>What the ops team sees at a glance: every service's health and throughput, the broker's queues, and what needs attention.</summary>
public sealed record OpsSummary(DateTimeOffset At, IReadOnlyList<string> Attention, IReadOnlyList<ServiceOps> Services, QueueReport Queues);

/// <param name="Counters">The service's own metrics (rehab_*), keyed by name and labels, summed since the process started.</param>
public sealed record ServiceOps(
    string Name, string Status, long? Requests, long? ServerErrors, double? OutboxBacklog, double? OutboxOldestAgeSeconds,
    IReadOnlyDictionary<string, double> Counters, string? MetricsError)
{
    /// <summary>Request durations in seconds, for the dashboard's latency percentiles between two summaries.</summary>
    [JsonIgnore] public Histogram RequestDurations { get; init; } = Histogram.Empty;

    /// <summary>Time from send to consume in milliseconds, as the service's consumers measured it.</summary>
    [JsonIgnore] public Histogram ConsumerLag { get; init; } = Histogram.Empty;
}

public sealed record QueueReport(bool Available, string? Error, IReadOnlyList<QueueView> Queues);

/// <param name="Ready">Null until the management plugin's first statistics tick after the queue was created (every 5 s).</param>
/// <param name="Unacknowledged">Null until the first statistics tick, as <paramref name="Ready"/>.</param>
public sealed record QueueView(string Name, long? Ready, long? Unacknowledged, int Consumers, bool IsErrorQueue)
{
    public bool StatisticsPending => Ready is null || Unacknowledged is null;
}

/// <summary>Builds the summary from each service's /health/ready and /metrics and the RabbitMQ management API.</summary>
public sealed class OpsSummaryBuilder(IProxyStateLookup proxyState, IHttpClientFactory httpClients, IOptions<GatewayOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "ops";

    public async Task<OpsSummary> BuildAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.Ops;
        var client = httpClients.CreateClient(HttpClientName);
        var services = AggregatedHealth.Targets(proxyState)
            .Select(target => ServiceAsync(client, target.Name, target.Address, settings.ProbeTimeout, cancellationToken))
            .ToList();
        var queues = QueuesAsync(client, settings, cancellationToken);
        var serviceReports = (await Task.WhenAll(services)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var queueReport = await queues;
        return new OpsSummary(clock.GetUtcNow(), Attention(serviceReports, queueReport, settings), serviceReports, queueReport);
    }

    public static List<string> Attention(IEnumerable<ServiceOps> services, QueueReport queues, OpsOptions settings)
    {
        var attention = new List<string>();
        foreach (var service in services)
        {
            if (service.Status != "Healthy")
                attention.Add($"{service.Name} is not ready");
            if (service.OutboxOldestAgeSeconds > settings.OutboxAgeWarning.TotalSeconds)
                attention.Add($"{service.Name} has events waiting in its outbox for {service.OutboxOldestAgeSeconds:0} s");
        }
        foreach (var queue in queues.Queues.Where(q => q.IsErrorQueue))
        {
            var replay = $"fix the cause, then deploy/replay-errors.sh {queue.Name[..^"_error".Length]}";
            // MassTransit creates an error queue with its first fault, so a new one with no counters yet means a message just failed.
            if (queue.StatisticsPending)
                attention.Add($"{queue.Name} was just created by a failed message (the broker has not counted it yet): {replay}");
            else if (queue.Ready + queue.Unacknowledged > 0)
                attention.Add($"{queue.Ready + queue.Unacknowledged} message(s) in {queue.Name}: {replay}");
        }
        if (!queues.Available && queues.Error is not null)
            attention.Add("queues unknown: " + queues.Error);
        return attention;
    }

    private static async Task<ServiceOps> ServiceAsync(HttpClient client, string name, string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var health = AggregatedHealth.ProbeAsync(client, address, timeout, cancellationToken);
        IReadOnlyList<MetricSample> samples;
        string? error = null;
        using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            cts.CancelAfter(timeout);
            try
            {
                samples = PrometheusText.Parse(await client.GetStringAsync(new Uri(new Uri(address), "/metrics"), cts.Token));
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                samples = [];
                error = ex switch
                {
                    OperationCanceledException => "timed out",
                    HttpRequestException { StatusCode: System.Net.HttpStatusCode.NotFound } => "not exported",
                    _ => "unreachable",
                };
            }
        }

        var requestCounts = samples.Where(s => s.Name == "http_server_request_duration_seconds_count").ToList();
        long? requests = error is null ? (long)requestCounts.Sum(s => s.Value) : null;
        long? serverErrors = error is null
            ? (long)requestCounts.Where(s => s.Labels.TryGetValue("http_response_status_code", out var code) && code.StartsWith('5')).Sum(s => s.Value)
            : null;
        var counters = samples
            .Where(s => s.Name.StartsWith("rehab_", StringComparison.Ordinal) && !s.Name.EndsWith("_bucket", StringComparison.Ordinal) && !s.Name.EndsWith("_sum", StringComparison.Ordinal))
            .GroupBy(Key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        return new ServiceOps(name, (await health).Status, requests, serverErrors,
            Gauge(samples, "rehab_outbox_backlog"), Gauge(samples, "rehab_outbox_oldest_age_seconds"), counters, error)
        {
            RequestDurations = Histogram.From(samples, "http_server_request_duration_seconds_bucket"),
            ConsumerLag = Histogram.From(samples, "rehab_consumer_lag_milliseconds_bucket"),
        };
    }

    private static double? Gauge(IEnumerable<MetricSample> samples, string name) =>
        samples.Where(s => s.Name == name).Select(s => (double?)s.Value).DefaultIfEmpty(null).Max();

    // The exporter's otel_scope_* labels say which meter produced a sample; ops reads the metric's own labels.
    private static string Key(MetricSample sample)
    {
        var labels = sample.Labels.Where(l => !l.Key.StartsWith("otel_", StringComparison.Ordinal)).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        return labels.Count == 0 ? sample.Name : $"{sample.Name}{{{string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"))}}}";
    }

    private static async Task<QueueReport> QueuesAsync(HttpClient client, OpsOptions settings, CancellationToken cancellationToken)
    {
        if (settings.BrokerManagementUrl is null)
            return new QueueReport(false, null, []);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(settings.ProbeTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(settings.BrokerManagementUrl, $"api/queues/{Uri.EscapeDataString(settings.BrokerVirtualHost)}?columns=name,messages_ready,messages_unacknowledged,consumers"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.BrokerUserName}:{settings.BrokerPassword}")));
        try
        {
            using var response = await client.SendAsync(request, cts.Token);
            if (!response.IsSuccessStatusCode)
                return new QueueReport(false, $"management API answered {(int)response.StatusCode}", []);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
            var queues = document.RootElement.EnumerateArray().Select(q =>
            {
                var queueName = q.GetProperty("name").GetString() ?? "";
                return new QueueView(queueName, Number(q, "messages_ready"), Number(q, "messages_unacknowledged"), (int)(Number(q, "consumers") ?? 0),
                    queueName.EndsWith("_error", StringComparison.Ordinal));
            }).OrderBy(q => q.Name, StringComparer.Ordinal).ToList();
            return new QueueReport(true, null, queues);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            return new QueueReport(false, ex is OperationCanceledException ? "management API timed out" : "management API unreachable", []);
        }
    }

    // A new queue has no counters until the management plugin's first statistics tick: unknown, not zero.
    private static long? Number(JsonElement queue, string property) =>
        queue.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}
