namespace RehabPlatform.Gateway.Tests;

public sealed class GatewayTests : IAsyncLifetime
{
    private TestBackend _backend = null!;
    private readonly List<IAsyncDisposable> _gateways = [];

    public async Task InitializeAsync() => _backend = await TestBackend.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
            await gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    private ServiceHost<GatewayMarker> StartGateway(Dictionary<string, string?>? overrides = null)
    {
        // A port where nothing listens stands for a stopped service.
        var stopped = $"http://127.0.0.1:{TestEnvironment.FreeHttpPort()}/";
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["ReverseProxy:Clusters:intake:Destinations:primary:Address"] = _backend.Address,
            ["ReverseProxy:Clusters:programs:Destinations:primary:Address"] = _backend.Address,
            ["ReverseProxy:Clusters:sessions:Destinations:primary:Address"] = _backend.Address,
            ["ReverseProxy:Clusters:form:Destinations:primary:Address"] = stopped,
            ["Gateway:MaxBodyBytes"] = "4096",
            ["Gateway:HealthProbeTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value;
        var gateway = ServiceHost<GatewayMarker>.Start(settings);
        _gateways.Add(gateway);
        return gateway;
    }

    /// <summary>A GET through a fresh gateway with a North therapist's token; the response is buffered, so it outlives the client.</summary>
    private async Task<HttpResponseMessage> GetAsTherapistAsync(string path)
    {
        using var client = StartGateway().CreateClient(TestTokens.For("therapist-north"));
        return await client.GetAsync(path);
    }

    [Fact]
    public async Task Routes_an_authenticated_request_to_its_service_with_the_token()
    {
        var response = await GetAsTherapistAsync("api/intake/echo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/api/intake/echo", echo.GetProperty("path").GetString());
        Assert.True(echo.GetProperty("authorized").GetBoolean());
    }

    [Fact]
    public async Task Only_the_four_service_prefixes_are_routed()
    {
        var response = await GetAsTherapistAsync("api/billing/echo");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, _backend.Requests);
    }

    public static TheoryData<string, string?> RejectedTokens => new()
    {
        { "missing", null },
        { "expired", TestTokens.For(DemoUsers.Find("therapist-north")!, lifetime: TimeSpan.FromMinutes(-10)) },
        { "wrong audience", TestTokens.For(DemoUsers.Find("therapist-north")!, audience: "another-api") },
        { "wrong signature", TestTokens.For("therapist-north")[..^4] + "AAAA" },
    };

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Rejects_a_request_without_a_valid_token_with_401_before_it_reaches_a_service(string why, string? token)
    {
        var gateway = StartGateway();
        using var client = gateway.CreateClient(token);

        var response = await client.GetAsync("api/intake/echo");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
        Assert.Equal(0, _backend.Requests);
    }

    [Fact]
    public async Task Answers_429_with_retry_after_past_the_callers_rate_limit_while_other_callers_pass()
    {
        var gateway = StartGateway(new() { ["Gateway:RateLimitPermits"] = "5", ["Gateway:RateLimitWindow"] = "00:01:00" });
        using var busy = gateway.CreateClient(TestTokens.For("therapist-north"));
        using var other = gateway.CreateClient(TestTokens.For("therapist-south"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await busy.GetAsync("api/intake/echo")).StatusCode);
        var rejected = await busy.GetAsync("api/intake/echo");
        var otherCaller = await other.GetAsync("api/intake/echo");

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(rejected.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is set");
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherCaller.StatusCode);
    }

    [Fact]
    public async Task Answers_413_past_the_body_limit_without_calling_the_service()
    {
        var gateway = StartGateway();
        using var client = gateway.CreateClient(TestTokens.For("therapist-north"));

        var small = await client.PostAsync("api/intake/echo", new StringContent(new string('a', 1000)));
        var requestsBefore = _backend.Requests;
        // Expect: 100-continue: the gateway refuses before the body is sent, so the client never writes into a closed connection.
        using var largeRequest = new HttpRequestMessage(HttpMethod.Post, "api/intake/echo") { Content = new StringContent(new string('a', 10_000)) };
        largeRequest.Headers.ExpectContinue = true;
        var large = await client.SendAsync(largeRequest);

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("application/problem+json", large.Content.Headers.ContentType?.MediaType);
        Assert.Equal(requestsBefore, _backend.Requests);
    }

    [Fact]
    public async Task Answers_504_when_a_service_exceeds_the_backend_timeout()
    {
        var gateway = StartGateway(new() { ["ReverseProxy:Clusters:intake:HttpRequest:ActivityTimeout"] = "00:00:01" });
        using var client = gateway.CreateClient(TestTokens.For("therapist-north"));

        var response = await client.GetAsync("api/intake/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task Answers_502_for_a_stopped_service_and_health_reports_it_unhealthy()
    {
        var gateway = StartGateway();
        using var client = gateway.CreateClient(TestTokens.For("therapist-north"));
        using var anonymous = gateway.CreateClient();

        var proxied = await client.GetAsync("api/form/anything");
        var health = await anonymous.GetAsync("health");

        Assert.Equal(HttpStatusCode.BadGateway, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        var services = report.GetProperty("services");
        Assert.Equal("Unhealthy", services.GetProperty("form").GetProperty("status").GetString());
        Assert.Equal("Healthy", services.GetProperty("intake").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_is_healthy_when_every_service_is_ready()
    {
        var gateway = StartGateway(new() { ["ReverseProxy:Clusters:form:Destinations:primary:Address"] = _backend.Address });
        using var anonymous = gateway.CreateClient();

        var health = await anonymous.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Development_tokens_are_minted_for_demo_users_and_accepted()
    {
        var gateway = StartGateway(new() { ["Gateway:DevTokensEnabled"] = "true" });
        using var anonymous = gateway.CreateClient();

        var minted = await anonymous.PostAsync("dev/tokens/therapist-south", null);
        var unknown = await anonymous.PostAsync("dev/tokens/nobody", null);

        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var client = gateway.CreateClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/intake/echo")).StatusCode);
    }

    [Fact]
    public async Task Development_tokens_are_not_served_unless_enabled()
    {
        var gateway = StartGateway(new() { ["Gateway:DevTokensEnabled"] = "false" });
        using var anonymous = gateway.CreateClient();

        var response = await anonymous.PostAsync("dev/tokens/therapist-south", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
