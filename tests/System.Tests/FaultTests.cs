using System.Diagnostics;
using Microsoft.Data.Sqlite;
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

    private sealed class Load
    {
        public List<Guid> AcceptedIntakes { get; } = [];
        public List<Guid> AcceptedSessions { get; } = [];
        public int Rejected { get; set; }
    }

    /// <summary>Onboards a patient and logs a session for an earlier one every ~300 ms until <paramref name="duration"/> passes.</summary>
    private async Task<Load> RunLoadAsync(TimeSpan duration, Func<TimeSpan, Task> duringLoad)
    {
        using var therapist = await _platform.ClientAsync("therapist-north");
        var load = new Load();
        var clock = Stopwatch.StartNew();
        var faults = Task.Run(() => duringLoad(duration));
        var n = 0;
        while (clock.Elapsed < duration)
        {
            n++;
            try
            {
                var patient = await therapist.PostAsJsonAsync("api/intake/patients", new
                {
                    clinicId = DemoUsers.NorthClinic, givenName = "Load", familyName = $"Patient {n} {Guid.NewGuid():N}", birthDate = "1990-01-01", sex = "female", preferredLanguage = "en",
                });
                if (patient.StatusCode == HttpStatusCode.Created)
                {
                    var id = (await patient.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    await therapist.PostAsJsonAsync($"api/intake/patients/{id}/consents", new { scope = "treatment", granted = true, version = "2026-01" });
                    var intake = await therapist.PostAsJsonAsync($"api/intake/patients/{id}/intakes", PlatformFlowTestsIntake());
                    if (intake.StatusCode == HttpStatusCode.Created) load.AcceptedIntakes.Add(id); else load.Rejected++;
                }
                else load.Rejected++;

                // A session for a patient whose prescription has reached Sessions.
                foreach (var earlier in load.AcceptedIntakes.Take(load.AcceptedIntakes.Count - 1).Reverse().Take(3))
                {
                    var prescription = await therapist.GetAsync($"api/sessions/patients/{earlier}/prescription");
                    if (!prescription.IsSuccessStatusCode) continue;
                    var body = await prescription.Content.ReadFromJsonAsync<JsonElement>();
                    var code = body.GetProperty("prescription").GetProperty("exercises")[0].GetProperty("exerciseCode").GetString();
                    var session = await therapist.PostAsJsonAsync($"api/sessions/patients/{earlier}/sessions", new
                    {
                        setting = "home", performedAt = DateTimeOffset.UtcNow.AddHours(-1), painBefore = 1, painDuring = 3, painAfter = 2, minutesToSettle = 20,
                        exercises = new[] { new { exerciseCode = code, setsDone = 3, repsDone = 10 } },
                    });
                    if (session.StatusCode == HttpStatusCode.Created)
                        load.AcceptedSessions.Add((await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                    break;
                }
            }
            catch (HttpRequestException)
            {
                load.Rejected++;
            }
            await Task.Delay(300);
        }
        await faults;
        return load;
    }

    private static Dictionary<string, object?> PlatformFlowTestsIntake() => new()
    {
        ["akps"] = Clinical.Akps.Items.ToDictionary(i => i.Code, i => i.Options[1].Code),
        ["nprs"] = new { now = 3, worstLastWeek = 5, whileRunning = 4 },
        ["affectedSide"] = "right",
        ["symptomDurationWeeks"] = 6,
        ["running"] = new { isRunner = true, weeklyDistanceKm = 20, yearsRunning = 2, recentLoadChange = false },
        ["redFlags"] = typeof(Clinical.RedFlagChecklist).GetProperties().ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), _ => false),
    };

    private long Count(string service, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_platform.DatabaseFile(service)};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Every accepted intake has exactly one program in Programs and one prescription in Sessions; every accepted session one row and one effect in Programs.</summary>
    private async Task ReconcileAsync(Load load, string fault)
    {
        var ids = string.Join(",", load.AcceptedIntakes.Select(id => $"'{id.ToString().ToUpperInvariant()}'"));
        var programs = await Eventually.MatchAsync(() => Task.FromResult(Count("programs", $"SELECT COUNT(*) FROM \"Programs\" WHERE upper(\"PatientId\") IN ({ids})")),
            n => n >= load.AcceptedIntakes.Count, TimeSpan.FromSeconds(120), "a program for every accepted intake");
        var prescriptions = await Eventually.MatchAsync(() => Task.FromResult(Count("sessions", $"SELECT COUNT(*) FROM \"Prescriptions\" WHERE upper(\"PatientId\") IN ({ids})")),
            n => n >= load.AcceptedIntakes.Count, TimeSpan.FromSeconds(120), "a prescription in Sessions for every accepted intake");
        var sessionRows = Count("sessions", "SELECT COUNT(*) FROM \"Sessions\"");
        var sessionEffects = await Eventually.MatchAsync(
            () => Task.FromResult(Count("programs", "SELECT COUNT(*) FROM inbox_messages WHERE consumer LIKE '%SessionCompletedConsumer'")),
            n => n >= load.AcceptedSessions.Count, TimeSpan.FromSeconds(120), "every session handled by Programs");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var pendingOutbox = Count("intake", "SELECT COUNT(*) FROM outbox_messages WHERE delivered_at_ms IS NULL") + Count("sessions", "SELECT COUNT(*) FROM outbox_messages WHERE delivered_at_ms IS NULL");

        var line = $"{fault}: intakes accepted {load.AcceptedIntakes.Count} (rejected requests {load.Rejected}); programs {programs}; prescriptions {prescriptions}; " +
                   $"sessions accepted {load.AcceptedSessions.Count}, stored {sessionRows}, handled by Programs {sessionEffects}; undelivered outbox rows {pendingOutbox}";
        output.WriteLine("Reconciliation after " + line);
        TestEnvironment.Report("Reconciliation after " + line);
        Assert.True(load.AcceptedIntakes.Count > 10, "the load ran");
        Assert.Equal(load.AcceptedIntakes.Count, programs);
        Assert.Equal(load.AcceptedIntakes.Count, prescriptions);
        Assert.Equal(load.AcceptedSessions.Count, sessionRows);
        Assert.Equal(load.AcceptedSessions.Count, Count("programs", "SELECT COUNT(*) FROM inbox_messages WHERE consumer LIKE '%SessionCompletedConsumer'"));
        Assert.Equal(0, pendingOutbox);
    }

    [Fact]
    public async Task The_broker_killed_for_30_seconds_under_load_loses_nothing_and_duplicates_nothing()
    {
        var load = await RunLoadAsync(TimeSpan.FromSeconds(50), async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
            await _platform.Broker.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(30));
            await _platform.Broker.StartAsync();
        });

        await ReconcileAsync(load, "broker killed for 30 s");
    }

    [Fact]
    public async Task A_consumer_service_killed_mid_load_and_restarted_loses_nothing_and_duplicates_nothing()
    {
        var load = await RunLoadAsync(TimeSpan.FromSeconds(30), async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
            await _platform.KillAsync("programs");
            await Task.Delay(TimeSpan.FromSeconds(8));
            _platform.Restart("programs");
        });

        await ReconcileAsync(load, "Programs killed and restarted");
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_while_others_flow_and_the_replay_command_gives_it_another_try()
    {
        const string queue = "programs-intake-completed";
        var poisonPatient = Guid.NewGuid();
        DateTimeOffset? firstFault = null, replayedFault = null;
        var replayOutput = "";

        var load = await RunLoadAsync(TimeSpan.FromSeconds(35), async _ =>
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

        await ReconcileAsync(load, "a poison message on " + queue);
        var poison = $"Poison message: first fault {firstFault:O}; {replayOutput.Trim()}; failed again at {replayedFault:O}";
        output.WriteLine(poison);
        TestEnvironment.Report(poison);
        Assert.Equal(1, await _platform.Broker.QueueMessageCountAsync("/", queue + "_error"));
        Assert.Equal(0, Count("programs", $"SELECT COUNT(*) FROM \"Programs\" WHERE upper(\"PatientId\") = '{poisonPatient.ToString().ToUpperInvariant()}'"));
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
