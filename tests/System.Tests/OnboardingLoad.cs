using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace RehabPlatform.SystemTests;

/// <summary>
/// A steady load of onboardings (patient, consent, intake), sessions and therapist program changes through the
/// gateway, as a clinic's client would send it: every creating POST carries an Idempotency-Key and is retried while
/// the gateway answers 502/503/504 or the connection fails, so a request that reached a process killed before it
/// could answer is neither lost nor done twice. Then a reconciliation of everything accepted against every
/// service's database.
/// </summary>
internal sealed class OnboardingLoad(Platform platform, ITestOutputHelper output)
{
    private static readonly HttpStatusCode[] Transient = [HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];
    private readonly ConcurrentQueue<Guid> _acceptedIntakes = new();
    private readonly ConcurrentQueue<Guid> _acceptedSessions = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<int>> _versionsSeen = new();
    private readonly ConcurrentDictionary<string, int> _refusals = new();
    private int _retries, _programChanges;

    /// <summary>Change patients' programs by hand during the load, so that each has several versions to apply in order.</summary>
    public bool WithProgramChanges { get; init; }

    /// <summary>Clients sending at once, each about every 300 ms.</summary>
    public int Workers { get; init; } = 1;

    public IReadOnlyCollection<Guid> AcceptedIntakes => _acceptedIntakes;

    public async Task RunAsync(TimeSpan duration, Func<Task> duringLoad)
    {
        var clock = Stopwatch.StartNew();
        var faults = Task.Run(duringLoad);
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(clock, duration)));
        await faults;
    }

    private async Task WorkAsync(Stopwatch clock, TimeSpan duration)
    {
        using var therapist = await platform.ClientAsync("therapist-north");
        var mine = new List<Guid>();
        var n = 0;
        while (clock.Elapsed < duration)
        {
            n++;
            try
            {
                if (await OnboardAsync(therapist, n) is { } patient)
                {
                    mine.Add(patient);
                    _acceptedIntakes.Enqueue(patient);
                }

                // The prescriptions of the last few patients (each read several times over the load, so that a version
                // going backwards would be seen); a session, and perhaps a program change, for one that has reached Sessions.
                var acted = false;
                foreach (var earlier in mine.Take(mine.Count - 1).Reverse().Take(3))
                {
                    if (await PrescriptionAsync(therapist, earlier) is not { } prescription || acted)
                        continue;
                    if (await LogSessionAsync(therapist, earlier, prescription) is { } session)
                        _acceptedSessions.Enqueue(session);
                    if (WithProgramChanges && n % 2 == 0)
                        await ChangeProgramAsync(therapist, earlier, prescription);
                    acted = true;
                }
            }
            catch (HttpRequestException ex)
            {
                Refused(ex.HttpRequestError.ToString());
            }
            await Task.Delay(300);
        }
    }

    private async Task<Guid?> OnboardAsync(HttpClient therapist, int n)
    {
        var patient = await SendAsync(therapist, "api/intake/patients", new
        {
            clinicId = DemoUsers.NorthClinic, givenName = "Load", familyName = $"Patient {n} {Guid.NewGuid():N}", birthDate = "1990-01-01", sex = "female", preferredLanguage = "en",
        }, idempotent: true);
        if (patient.StatusCode != HttpStatusCode.Created)
            return Refused($"patient {(int)patient.StatusCode}");
        var id = (await patient.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await SendAsync(therapist, $"api/intake/patients/{id}/consents", new { scope = "treatment", granted = true, version = "2026-01" }, idempotent: false);
        var intake = await SendAsync(therapist, $"api/intake/patients/{id}/intakes", Intake(), idempotent: false);
        if (intake.StatusCode == HttpStatusCode.Created)
            return id;
        // A retry of an intake whose first attempt was stored before its answer was lost: the patient now has an
        // intake, so Intake asks which kind the second one is. The first one is the accepted intake.
        if (intake.StatusCode == HttpStatusCode.BadRequest && (await intake.Content.ReadAsStringAsync()).Contains("\"kind\"", StringComparison.Ordinal))
            return id;
        return Refused($"intake {(int)intake.StatusCode}");
    }

    private Guid? Refused(string why)
    {
        _refusals.AddOrUpdate(why, 1, (_, n) => n + 1);
        return null;
    }

    private async Task<JsonElement?> PrescriptionAsync(HttpClient therapist, Guid patient)
    {
        var response = await therapist.GetAsync($"api/sessions/patients/{patient}/prescription");
        if (!response.IsSuccessStatusCode)
            return null;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        _versionsSeen.GetOrAdd(patient, _ => new()).Enqueue(body.GetProperty("programVersion").GetInt32());
        return body;
    }

    private async Task<Guid?> LogSessionAsync(HttpClient therapist, Guid patient, JsonElement prescription)
    {
        var code = prescription.GetProperty("prescription").GetProperty("exercises")[0].GetProperty("exerciseCode").GetString();
        var session = await SendAsync(therapist, $"api/sessions/patients/{patient}/sessions", new
        {
            setting = "home", performedAt = DateTimeOffset.UtcNow.AddHours(-1), painBefore = 1, painDuring = 3, painAfter = 2, minutesToSettle = 20,
            exercises = new[] { new { exerciseCode = code, setsDone = 3, repsDone = 10 } },
        }, idempotent: true);
        return session.StatusCode == HttpStatusCode.Created
            ? (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()
            : null;
    }

    /// <summary>A therapist moves the program between phases 1 and 2: each change is a new program version.</summary>
    private async Task ChangeProgramAsync(HttpClient therapist, Guid patient, JsonElement prescription)
    {
        var phase = prescription.GetProperty("phase").GetInt32() == 1 ? 2 : 1;
        var change = await SendAsync(therapist, $"api/programs/patients/{patient}/program/override", new { phase, reasonCode = "load-test" }, idempotent: false);
        if (change.IsSuccessStatusCode)
            Interlocked.Increment(ref _programChanges);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object body, bool idempotent)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (idempotent)
                request.Headers.Add("Idempotency-Key", key);
            try
            {
                var response = await client.SendAsync(request);
                if (!Transient.Contains(response.StatusCode) || attempt == 30)
                    return response;
            }
            catch (HttpRequestException) when (attempt < 30)
            {
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(200);
        }
    }

    private static Dictionary<string, object?> Intake() => new()
    {
        ["akps"] = Clinical.Akps.Items.ToDictionary(i => i.Code, i => i.Options[1].Code),
        ["nprs"] = new { now = 3, worstLastWeek = 5, whileRunning = 4 },
        ["affectedSide"] = "right",
        ["symptomDurationWeeks"] = 6,
        ["running"] = new { isRunner = true, weeklyDistanceKm = 20, yearsRunning = 2, recentLoadChange = false },
        ["redFlags"] = typeof(Clinical.RedFlagChecklist).GetProperties().ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), _ => false),
    };

    private async Task<Dictionary<string, int>> CountByIdAsync(string service, string sql) =>
        (await platform.QueryAsync(service, sql)).GroupBy(row => row[0]).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// Every accepted intake has exactly one program in Programs and one prescription in Sessions; every accepted session
    /// is stored once and handled once by Programs; every program's latest version reached Sessions, and no patient ever
    /// saw a version lower than one seen before; no outbox row waits.
    /// </summary>
    public async Task ReconcileAsync(string fault)
    {
        var intakes = _acceptedIntakes.Select(Key).ToList();
        var sessions = _acceptedSessions.Select(Key).ToList();
        var within = TimeSpan.FromSeconds(120);
        var programs = await Eventually.MatchAsync(() => CountByIdAsync("programs", "SELECT \"PatientId\" FROM \"Programs\""),
            found => intakes.All(found.ContainsKey), within, "a program for every accepted intake");
        var prescriptions = await Eventually.MatchAsync(() => CountByIdAsync("sessions", "SELECT \"PatientId\" FROM \"Prescriptions\""),
            found => intakes.All(found.ContainsKey), within, "a prescription in Sessions for every accepted intake");
        var handled = await Eventually.MatchAsync(
            async () => (await platform.QueryAsync("programs", "SELECT COUNT(*) FROM inbox_messages WHERE consumer LIKE '%SessionCompletedConsumer'")).Single()[0],
            count => int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) >= sessions.Count, within, "every session handled by Programs");
        var versions = await Eventually.MatchAsync(async () =>
            {
                var inPrograms = (await platform.QueryAsync("programs", "SELECT \"Id\", \"ProgramVersion\" FROM \"Programs\"")).ToDictionary(r => r[0], r => r[1]);
                var inSessions = (await platform.QueryAsync("sessions", "SELECT \"ProgramId\", \"ProgramVersion\" FROM \"Prescriptions\"")).ToDictionary(r => r[0], r => r[1]);
                return inPrograms.Where(p => !inSessions.TryGetValue(p.Key, out var applied) || applied != p.Value).Select(p => p.Key).ToList();
            }, behind => behind.Count == 0, within, "every program's latest version applied in Sessions");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var storedSessions = await CountByIdAsync("sessions", "SELECT \"Id\" FROM \"Sessions\"");
        var waiting = 0;
        foreach (var service in new[] { "intake", "programs", "sessions", "form" })
            waiting += int.Parse((await platform.QueryAsync(service, "SELECT COUNT(*) FROM outbox_messages WHERE delivered_at_ms IS NULL")).Single()[0], System.Globalization.CultureInfo.InvariantCulture);

        var lostPrograms = intakes.Count(id => !programs.ContainsKey(id));
        var duplicatePrograms = intakes.Count(id => programs.GetValueOrDefault(id) > 1);
        var lostPrescriptions = intakes.Count(id => !prescriptions.ContainsKey(id));
        var duplicatePrescriptions = intakes.Count(id => prescriptions.GetValueOrDefault(id) > 1);
        var lostSessions = sessions.Count(id => !storedSessions.ContainsKey(id));
        var backwards = _versionsSeen.Where(seen => seen.Value.Zip(seen.Value.Skip(1)).Any(pair => pair.Second < pair.First)).Select(seen => seen.Key).ToList();
        var handledCount = int.Parse(handled, System.Globalization.CultureInfo.InvariantCulture);

        var line = $"Reconciliation after {fault}: intakes accepted {intakes.Count} (refused {_refusals.Values.Sum()}{(_refusals.IsEmpty ? "" : ": " + string.Join(", ", _refusals.Select(r => $"{r.Key} x{r.Value}")))}; requests retried {_retries}); " +
                   $"programs lost {lostPrograms}, duplicated {duplicatePrograms}; prescriptions lost {lostPrescriptions}, duplicated {duplicatePrescriptions}; " +
                   $"sessions accepted {sessions.Count}, lost {lostSessions}, stored without an answer {storedSessions.Count - sessions.Count + lostSessions}, handled by Programs {handledCount}; " +
                   $"program changes {_programChanges}, programs whose latest version Sessions lacks {versions.Count}, patients who saw a version go backwards {backwards.Count} " +
                   $"(of {_versionsSeen.Count} observed, {_versionsSeen.Values.Sum(v => v.Count)} reads); undelivered outbox rows {waiting}";
        output.WriteLine(line);
        TestEnvironment.Report(line);
        Assert.True(intakes.Count > 10, "the load ran");
        Assert.Equal(0, lostPrograms);
        Assert.Equal(0, duplicatePrograms);
        Assert.Equal(0, lostPrescriptions);
        Assert.Equal(0, duplicatePrescriptions);
        Assert.Equal(0, lostSessions);
        Assert.Equal(sessions.Count, storedSessions.Count);
        Assert.Equal(sessions.Count, handledCount);
        Assert.Empty(versions);
        Assert.Empty(backwards);
        Assert.Equal(0, waiting);
    }

    private static string Key(Guid id) => id.ToString().ToUpperInvariant();
}
