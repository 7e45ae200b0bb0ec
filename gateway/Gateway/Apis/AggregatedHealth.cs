using System.Diagnostics;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;

namespace RehabPlatform.Gateway.Apis;

/// <summary>/health: the readiness of every service behind the gateway, 503 when any is not ready.</summary>
public static class AggregatedHealth
{
    public const string HttpClientName = "service-health";

    public sealed record ServiceHealth(string Status, int? HttpStatus, double DurationMs, string? Error);

    public sealed record Report(string Status, IReadOnlyDictionary<string, ServiceHealth> Services);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync).AllowAnonymous().DisableRateLimiting();
        return app;
    }

    private static async Task<IResult> CheckAsync(IProxyStateLookup proxyState, IHttpClientFactory httpClients, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var probes = Targets(proxyState)
            .Select(async target => (target.Name, Health: await ProbeAsync(client, target.Address, options.Value.HealthProbeTimeout, cancellationToken)))
            .ToList();
        var results = (await Task.WhenAll(probes)).ToDictionary(r => r.Name, r => r.Health);
        var healthy = results.Values.All(r => r.Status == "Healthy");
        var report = new Report(healthy ? "Healthy" : "Unhealthy", results);
        return healthy ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Every service destination behind the gateway, named by cluster (and destination when a cluster has several).</summary>
    internal static IEnumerable<(string Name, string Address)> Targets(IProxyStateLookup proxyState) =>
        proxyState.GetClusters().SelectMany(cluster => cluster.Destinations.Select(d =>
            (cluster.ClusterId + (cluster.Destinations.Count > 1 ? "/" + d.Key : ""), d.Value.Model.Config.Address)));

    internal static async Task<ServiceHealth> ProbeAsync(HttpClient client, string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(new Uri(new Uri(address), "/health/ready"), cts.Token);
            var status = response.IsSuccessStatusCode ? "Healthy" : "Unhealthy";
            return new ServiceHealth(status, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            var error = ex is OperationCanceledException ? "timed out" : "unreachable";
            return new ServiceHealth("Unhealthy", null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error);
        }
    }
}
