using System.Net.Http.Json;
using System.Text.Json;

namespace RehabPlatform.Gateway.Tests;

/// <summary>The ops charts read from a real Prometheus (Debian's) that scrapes the services, when one is configured.</summary>
public sealed class PrometheusHistoryTests : IAsyncLifetime
{
    private TestBackend _backend = null!;
    private PrometheusServer _prometheus = null!;
    private readonly string _stopped = $"127.0.0.1:{TestEnvironment.FreeHttpPort()}";

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.StartAsync();
        var backend = new Uri(_backend.Address).Authority;
        _prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string>
        {
            ["intake"] = backend, ["programs"] = backend, ["sessions"] = backend, ["form"] = _stopped,
        });
    }

    public async Task DisposeAsync()
    {
        await _prometheus.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private ServiceHost<GatewayMarker> Gateway(Uri prometheus) => ServiceHost<GatewayMarker>.Start(new Dictionary<string, string?>(TestTokens.Settings)
    {
        ["ReverseProxy:Clusters:intake:Destinations:primary:Address"] = _backend.Address,
        ["ReverseProxy:Clusters:programs:Destinations:primary:Address"] = _backend.Address,
        ["ReverseProxy:Clusters:sessions:Destinations:primary:Address"] = _backend.Address,
        ["ReverseProxy:Clusters:form:Destinations:primary:Address"] = $"http://{_stopped}/",
        ["Gateway:Ops:SampleInterval"] = "00:00:01",
        ["Gateway:Ops:HistoryWindow"] = "00:02:00",
        ["Gateway:Ops:PrometheusRateWindow"] = "00:00:05",
        ["Gateway:Ops:PrometheusUrl"] = prometheus.ToString(),
    });

    [Fact]
    public async Task With_a_Prometheus_configured_the_charts_come_from_what_it_scraped_and_a_stopped_service_is_not_ready()
    {
        await using var gateway = Gateway(_prometheus.Address);
        using var ops = gateway.CreateClient(TestTokens.For("ops"));

        var history = await Eventually.MatchAsync(() => ops.GetFromJsonAsync<JsonElement>("ops/history"),
            h => h.GetProperty("source").GetString() == "prometheus" && Points(h, "sessions").Count(p => p.GetProperty("outboxBacklog").ValueKind == JsonValueKind.Number) >= 2,
            TimeSpan.FromSeconds(45), "two scraped points for sessions");

        var latest = Points(history, "sessions").Last(p => p.GetProperty("outboxBacklog").ValueKind == JsonValueKind.Number);
        Assert.True(latest.GetProperty("ready").GetBoolean());
        Assert.Equal(4, latest.GetProperty("outboxBacklog").GetDouble());
        Assert.Equal(95, latest.GetProperty("outboxOldestAgeSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Number, latest.GetProperty("requestsPerSecond").ValueKind);
        Assert.False(Points(history, "form").Last().GetProperty("ready").GetBoolean());
        Assert.Equal(JsonValueKind.Null, history.GetProperty("sourceProblem").ValueKind);
    }

    [Fact]
    public async Task A_configured_Prometheus_that_does_not_answer_leaves_the_gateways_own_hour_and_says_why()
    {
        await using var gateway = Gateway(new Uri($"http://{_stopped}/"));
        using var ops = gateway.CreateClient(TestTokens.For("ops"));

        var history = await ops.GetFromJsonAsync<JsonElement>("ops/history");

        Assert.Equal("memory", history.GetProperty("source").GetString());
        Assert.Contains("did not answer", history.GetProperty("sourceProblem").GetString());
    }

    private static List<JsonElement> Points(JsonElement history, string service) =>
        history.GetProperty("services").EnumerateArray().Where(s => s.GetProperty("name").GetString() == service)
            .SelectMany(s => s.GetProperty("points").EnumerateArray()).ToList();
}
