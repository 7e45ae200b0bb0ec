using RehabPlatform.Gateway;
using RehabPlatform.Gateway.Ops;

namespace RehabPlatform.Gateway.Tests;

public sealed class PrometheusTextTests
{
    [Fact]
    public void Parses_names_labels_with_escapes_and_special_values_and_skips_comments_and_broken_lines()
    {
        var samples = PrometheusText.Parse("""
            # HELP x_total A counter
            # TYPE x_total counter
            x_total{route="/a,b",note="say \"hi\"\\n"} 12 1700000000000
            plain 3.5e2
            h_bucket{le="+Inf"} +Inf
            broken{label="unterminated} 1
            novalue{a="b"}

            """);

        Assert.Equal(3, samples.Count);
        Assert.Equal("x_total", samples[0].Name);
        Assert.Equal("/a,b", samples[0].Labels["route"]);
        Assert.Equal("say \"hi\"\\n", samples[0].Labels["note"].Replace("\n", "\\n"));
        Assert.Equal(12, samples[0].Value);
        Assert.Equal(350, samples[1].Value);
        Assert.Empty(samples[1].Labels);
        Assert.Equal(double.PositiveInfinity, samples[2].Value);
    }
}

public sealed class OpsTests : IAsyncLifetime
{
    private TestBackend _backend = null!;
    private RabbitMqBroker _broker = null!;
    private string _vhost = null!;
    private ServiceHost<GatewayMarker> _gateway = null!;

    public async Task InitializeAsync()
    {
        _backend = await TestBackend.StartAsync();
        _broker = await SharedServers.BrokerAsync();
        _vhost = await _broker.CreateVirtualHostAsync("ops");
        var stopped = $"http://127.0.0.1:{TestEnvironment.FreeHttpPort()}/";
        _gateway = ServiceHost<GatewayMarker>.Start(new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["ReverseProxy:Clusters:intake:Destinations:primary:Address"] = _backend.Address,
            ["ReverseProxy:Clusters:programs:Destinations:primary:Address"] = _backend.Address,
            ["ReverseProxy:Clusters:sessions:Destinations:primary:Address"] = _backend.Address,
            ["ReverseProxy:Clusters:form:Destinations:primary:Address"] = stopped,
            ["Gateway:Ops:BrokerManagementUrl"] = $"http://127.0.0.1:{_broker.ManagementPort}/",
            ["Gateway:Ops:BrokerVirtualHost"] = _vhost,
            ["Gateway:Ops:ProbeTimeout"] = "00:00:02",
            ["Gateway:Ops:SampleInterval"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _broker.DeleteVirtualHostAsync(_vhost);
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task The_ops_summary_shows_health_throughput_outbox_and_queues_and_flags_what_needs_attention()
    {
        await _broker.DeclareQueueAsync(_vhost, "programs-intake-completed_error");
        await _broker.PublishToQueueAsync(_vhost, "programs-intake-completed_error", "{}", "application/json", Guid.NewGuid());
        using var ops = _gateway.CreateClient(TestTokens.For("ops"));

        var summary = await Eventually.MatchAsync(() => ops.GetFromJsonAsync<JsonElement>("ops/summary"),
            s => s.GetProperty("queues").GetProperty("queues").EnumerateArray().Any(q => q.GetProperty("name").GetString() == "programs-intake-completed_error" && q.GetProperty("ready").ValueKind == JsonValueKind.Number && q.GetProperty("ready").GetInt64() == 1),
            TimeSpan.FromSeconds(30), "the error queue's message in the summary");

        var services = summary.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        var sessions = services["sessions"];
        Assert.Equal("Healthy", sessions.GetProperty("status").GetString());
        Assert.Equal(41, sessions.GetProperty("requests").GetInt64());
        Assert.Equal(1, sessions.GetProperty("serverErrors").GetInt64());
        Assert.Equal(4, sessions.GetProperty("outboxBacklog").GetDouble());
        Assert.Equal(3, sessions.GetProperty("counters").GetProperty("rehab_sessions_logged_total{clinic=c1,setting=Home}").GetDouble());
        Assert.False(sessions.GetProperty("counters").TryGetProperty("rehab_consumer_lag_milliseconds_bucket{le=+Inf}", out _));
        Assert.Equal("Unhealthy", services["form"].GetProperty("status").GetString());
        var attention = summary.GetProperty("attention").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.Contains("form is not ready", attention);
        Assert.Contains(attention, a => a.Contains("outbox for 95 s", StringComparison.Ordinal));
        Assert.Contains(attention, a => a.Contains("deploy/replay-errors.sh programs-intake-completed", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_queue_the_broker_has_not_counted_yet_needs_attention_and_is_never_shown_as_empty()
    {
        var settings = new OpsOptions();
        var justFailed = new QueueReport(true, null, [new QueueView("programs-intake-completed_error", null, null, 0, IsErrorQueue: true)]);
        var empty = new QueueReport(true, null, [new QueueView("programs-intake-completed_error", 0, 0, 0, IsErrorQueue: true)]);

        var attention = OpsSummaryBuilder.Attention([], justFailed, settings);

        Assert.Contains(attention, a => a.Contains("just created by a failed message", StringComparison.Ordinal)
            && a.Contains("deploy/replay-errors.sh programs-intake-completed", StringComparison.Ordinal));
        Assert.Empty(OpsSummaryBuilder.Attention([], empty, settings));
    }

    [Fact]
    public async Task The_ops_summary_and_history_are_for_ops_and_chain_admins_only_and_the_page_lives_in_the_portal()
    {
        using var therapist = _gateway.CreateClient(TestTokens.For("therapist-north"));
        using var anonymous = _gateway.CreateClient();
        using var admin = _gateway.CreateClient(TestTokens.For("chain-admin"));

        foreach (var path in new[] { "ops/summary", "ops/history" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await therapist.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
        }
        // Without a portal configured the gateway serves no page of its own: /ops is an unknown path, refused by the fallback policy.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("ops")).StatusCode);
    }

    [Fact]
    public async Task The_gateway_records_a_point_per_service_for_the_last_hour_charts()
    {
        using var ops = _gateway.CreateClient(TestTokens.For("ops"));

        var history = await Eventually.MatchAsync(() => ops.GetFromJsonAsync<JsonElement>("ops/history"),
            h => h.GetProperty("services").EnumerateArray().Any(s => s.GetProperty("name").GetString() == "sessions" && s.GetProperty("points").GetArrayLength() >= 2),
            TimeSpan.FromSeconds(30), "two recorded points for sessions");

        var services = history.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        var latest = services["sessions"].GetProperty("points").EnumerateArray().Last();
        Assert.True(latest.GetProperty("ready").GetBoolean());
        Assert.Equal(4, latest.GetProperty("outboxBacklog").GetDouble());
        Assert.Equal(JsonValueKind.Number, latest.GetProperty("requestsPerSecond").ValueKind);
        Assert.False(services["form"].GetProperty("points").EnumerateArray().Last().GetProperty("ready").GetBoolean());
    }
}
