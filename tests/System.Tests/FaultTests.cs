using System.Diagnostics;
using Xunit.Abstractions;

namespace RehabPlatform.SystemTests;

/// <summary>
/// Faults under a steady load of onboardings and sessions, each ended by a reconciliation of what the gateway
/// accepted against every service's database: nothing lost, nothing done twice. Each test gets its own platform.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Platform _platform = new();

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    private OnboardingLoad NewLoad() => new(_platform, output);

    [Fact]
    public async Task The_broker_killed_for_30_seconds_under_load_loses_nothing_and_duplicates_nothing()
    {
        var load = NewLoad();
        await load.RunAsync(TimeSpan.FromSeconds(50), async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
            await _platform.Broker.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(30));
            await _platform.Broker.StartAsync();
        });

        await load.ReconcileAsync("broker killed for 30 s");
    }

    [Fact]
    public async Task A_consumer_service_killed_mid_load_and_restarted_loses_nothing_and_duplicates_nothing()
    {
        var load = NewLoad();
        await load.RunAsync(TimeSpan.FromSeconds(30), async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
            await _platform.KillAsync("programs");
            await Task.Delay(TimeSpan.FromSeconds(8));
            _platform.Restart("programs");
        });

        await load.ReconcileAsync("Programs killed and restarted");
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_while_others_flow_and_the_replay_command_gives_it_another_try()
    {
        const string queue = "programs-intake-completed";
        var poisonPatient = Guid.NewGuid();
        DateTimeOffset? firstFault = null, replayedFault = null;
        var replayOutput = "";

        var load = NewLoad();
        await load.RunAsync(TimeSpan.FromSeconds(35), async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.NotNull(await _platform.Broker.QueueMessageCountAsync("/", queue));
            await _platform.Broker.PublishToQueueAsync("/", queue, PoisonIntakeCompleted(poisonPatient), "application/vnd.masstransit+json", Guid.NewGuid());
            firstFault = await FaultTimestampInErrorQueueAsync(queue + "_error", after: DateTimeOffset.MinValue);

            var replayStarted = DateTimeOffset.UtcNow;
            replayOutput = await TestEnvironment.RunScriptAsync("deploy/replay-errors.sh", queue, "--vhost", "/",
                "--management", $"http://127.0.0.1:{_platform.Broker.ManagementPort}", "--amqp", $"amqp://guest:guest@127.0.0.1:{_platform.Broker.AmqpPort}");
            // What the command said decides whether a second fault can follow at all, so check it first.
            Assert.Contains($"Moved 1 message(s) from {queue}_error to {queue}.", replayOutput);
            replayedFault = await FaultTimestampInErrorQueueAsync(queue + "_error", after: replayStarted);
        });

        await load.ReconcileAsync("a poison message on " + queue);
        var poison = $"Poison message: first fault {firstFault:O}; {replayOutput.Trim()}; failed again at {replayedFault:O}";
        output.WriteLine(poison);
        TestEnvironment.Report(poison);
        Assert.Equal(1, await _platform.Broker.QueueMessageCountAsync("/", queue + "_error"));
        Assert.Empty(await _platform.QueryAsync("programs", $"SELECT \"Id\" FROM \"Programs\" WHERE upper(\"PatientId\") = '{poisonPatient.ToString().ToUpperInvariant()}'"));
    }

    /// <summary>
    /// An IntakeCompleted as a faulty producer might send it: the right message type on the right queue, with the
    /// AKPS score as text. Programs cannot read it however often it tries.
    /// </summary>
    private static string PoisonIntakeCompleted(Guid patientId) => JsonSerializer.Serialize(new
    {
        messageId = Guid.NewGuid(),
        messageType = new[] { MassTransit.MessageUrn.ForTypeString<Contracts.Intake.IntakeCompleted>() },
        sentTime = DateTimeOffset.UtcNow,
        message = new
        {
            intakeId = Guid.NewGuid(), patientId, clinicId = DemoUsers.NorthClinic, akpsScore = "seventy", akpsVersion = "kujala-2026",
            nprsNow = 3, nprsWorstLastWeek = 5, nprsWhileRunning = 4, affectedSide = "left", symptomDurationWeeks = 6,
            running = new { isRunner = true, weeklyDistanceKm = 20, yearsRunning = 2, recentLoadChange = false }, occurredAt = DateTimeOffset.UtcNow,
        },
    });

    /// <summary>Waits for a message in the error queue whose MassTransit fault timestamp is later than <paramref name="after"/>.</summary>
    private async Task<DateTimeOffset> FaultTimestampInErrorQueueAsync(string errorQueue, DateTimeOffset after)
    {
        var stamps = await Eventually.MatchAsync(async () =>
            {
                var headers = await _platform.Broker.PeekHeadersAsync("/", errorQueue);
                return headers
                    .Where(h => h.ValueKind == JsonValueKind.Object && h.TryGetProperty("MT-Fault-Timestamp", out _))
                    .Select(h => DateTimeOffset.Parse(h.GetProperty("MT-Fault-Timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
                    .ToList();
            }, found => found.Any(t => t > after), TimeSpan.FromSeconds(60), $"a message faulted after {after:O} in {errorQueue}");
        return stamps.Max();
    }

    [Fact]
    public async Task A_service_started_while_the_broker_is_down_reports_not_ready_and_recovers_by_itself()
    {
        await _platform.KillAsync("form");
        await _platform.Broker.KillAsync();
        _platform.Restart("form");
        using var direct = new HttpClient { BaseAddress = _platform.ServiceAddress("form") };
        async Task<HttpStatusCode?> ReadinessAsync()
        {
            try { return (await direct.GetAsync("health/ready")).StatusCode; }
            catch (HttpRequestException) { return null; }
        }

        var whileDown = await Eventually.MatchAsync(ReadinessAsync, s => s is not null, TimeSpan.FromSeconds(60), "the restarted service answering");
        var live = await direct.GetAsync("health/live");
        await _platform.Broker.StartAsync();
        var brokerBack = Stopwatch.StartNew();
        var afterwards = await Eventually.MatchAsync(ReadinessAsync, s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(90), "readiness after the broker is back");
        TestEnvironment.Report($"Form started with the broker down: readiness {(int?)whileDown} while down (liveness {(int)live.StatusCode}), {(int?)afterwards} {brokerBack.Elapsed.TotalSeconds:0.0} s after the broker was back");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards);
    }

    [Fact]
    public async Task A_service_killed_behind_the_gateway_is_a_502_or_503_and_health_shows_it()
    {
        using var therapist = await _platform.ClientAsync("therapist-north");
        using var anonymous = new HttpClient { BaseAddress = _platform.Gateway };

        await _platform.KillAsync("sessions");
        var clock = Stopwatch.StartNew();
        var response = await therapist.GetAsync($"api/sessions/patients/{Guid.NewGuid()}/timeline");
        var elapsed = clock.Elapsed;
        var health = await anonymous.GetAsync("health");
        TestEnvironment.Report($"Sessions killed behind the gateway: {(int)response.StatusCode} after {elapsed.TotalMilliseconds:0} ms; /health {(int)health.StatusCode}");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable });
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"answered within the backend timeout ({elapsed})");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhealthy", report.GetProperty("services").GetProperty("sessions").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("services").GetProperty("intake").GetProperty("status").GetString());
    }
}
