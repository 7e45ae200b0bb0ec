using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HdrHistogram;
using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.LoadBenchmark;

/// <summary>
/// One benchmark run: patients registered and consented first (not timed), then intakes at saturation (closed loop),
/// then at half of the end-to-end rate it found (open loop, latency from each intake's scheduled send time to its
/// prescription being visible in Sessions), then GET requests through the gateway against straight to Intake.
/// Completions are counted from Sessions' own metric (program-assigned messages committed).
/// </summary>
public sealed class LoadRun(LoadOptions options)
{
    private static readonly string[] Services = ["intake", "programs", "sessions", "form"];
    private static readonly int[] ServicePorts = [5101, 5102, 5103, 5104];
    private static readonly string[] RedFlags =
    [
        "hotRedSwollenJoint", "fever", "recentTrauma", "isolatedKneecapTenderness", "fibularHeadTenderness", "unableToFlexTo90Degrees",
        "unableToBearWeightFourSteps", "rapidSwellingAfterInjury", "lockedKnee", "deformity", "firstKneecapDislocation", "suspectedTendonRupture",
        "numbnessOrWeakness", "poorCirculation", "calfSwellingAndWarmth", "constantOrNightPain", "unexplainedWeightLoss", "historyOfCancer", "limp", "pinpointBonePain",
    ];

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        Timeout = TimeSpan.FromSeconds(120),
    };

    private readonly ConcurrentQueue<Guid> _patients = new();
    private string _token = "";
    private Dictionary<string, string> _akps = [];

    public async Task<string> ExecuteAsync()
    {
        _token = await TokenAsync();
        _akps = await NoSymptomAnswersAsync();
        await PrepareAsync(options.Patients);
        await DrainAsync("after preparing the patients");

        // The first load after a start runs while the services' hot paths are still being JIT-compiled and tiered up
        // (a fifth of the CPU in a profile of a cold run): measured on its own, so the closed loop measures the pipeline.
        ClosedResult? warmUp = null;
        if (options.WarmUpSeconds > 0)
        {
            warmUp = await ClosedLoopAsync(options.WarmUpSeconds, "Warm-up");
            await DrainAsync("after the warm-up");
        }
        var closed = await ClosedLoopAsync(options.Seconds, "Closed loop");
        await DrainAsync("after the closed loop");
        var rate = options.FixedRate ?? Math.Max(1, Math.Round(closed.SustainedPerSecond / 2));
        var open = await OpenLoopAsync(rate);
        await DrainAsync("after the open loop");
        var reads = await GatewayVersusDirectAsync();
        return Report(warmUp, closed, open, reads);
    }

    // ---- set-up --------------------------------------------------------------------------------------------------

    private async Task<string> TokenAsync()
    {
        using var minted = await _http.PostAsync(new Uri(options.Gateway, "dev/tokens/therapist-north"), null);
        minted.EnsureSuccessStatusCode();
        return (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<Dictionary<string, string>> NoSymptomAnswersAsync()
    {
        var questionnaire = await SendAsync<JsonElement>(HttpMethod.Get, new Uri(options.Gateway, "api/intake/questionnaires/akps"), null);
        return questionnaire.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("options")[0].GetProperty("code").GetString()!);
    }

    private async Task PrepareAsync(int count)
    {
        Console.Error.WriteLine($"Registering and consenting {count} patients...");
        var started = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var patient = await SendAsync<JsonElement>(HttpMethod.Post, new Uri(options.Gateway, "api/intake/patients"), new
                {
                    // Distinct names: the same name and birth date is a duplicate registration.
                    clinicId = DemoUsers.NorthClinic, givenName = "Load", familyName = "Runner " + UniqueLetters(), birthDate = "1990-01-01", sex = "female",
                    preferredLanguage = "en", email = $"load.{Guid.NewGuid():N}@example.org",
                });
                var id = patient.GetProperty("id").GetGuid();
                await SendAsync<JsonElement>(HttpMethod.Post, new Uri(options.Gateway, $"api/intake/patients/{id}/consents"), new { scope = "treatment", granted = true, version = "2026-01" });
                _patients.Enqueue(id);
            }
        }));
        Console.Error.WriteLine($"  {count} patients in {started.Elapsed.TotalSeconds:0} s");
    }

    private static string UniqueLetters() => string.Concat(Guid.NewGuid().ToString("N")[..12].Select(h => (char)('a' + Convert.ToInt32(h.ToString(), 16))));

    /// <summary>Waits until every outbox is empty and Sessions' completions stop moving: the next phase starts from quiet.</summary>
    private async Task DrainAsync(string when)
    {
        var started = Stopwatch.StartNew();
        double last = -1;
        while (started.Elapsed < TimeSpan.FromMinutes(10))
        {
            var sample = await SampleAsync();
            if (sample.Backlog == 0 && sample.Completions == last)
                break;
            last = sample.Completions;
            await Task.Delay(1000);
        }
        Console.Error.WriteLine($"  drained {when} in {started.Elapsed.TotalSeconds:0} s");
    }

    // ---- closed loop ---------------------------------------------------------------------------------------------

    public sealed record Sample(double Second, long Accepted, double Completions, double Backlog, IReadOnlyDictionary<string, double> BacklogByService);

    public sealed record ClosedResult(int Seconds, long Accepted, double Completed, double DrainSeconds, IReadOnlyList<Sample> Samples,
        IReadOnlyDictionary<string, double> CpuMsByProcess)
    {
        public double AcceptedPerSecond => Accepted / (double)Seconds;
        public double EndToEndPerSecond => Completed / Seconds;
        /// <summary>Every accepted intake over the time until the last one had its prescription: what the pipeline sustains.</summary>
        public double SustainedPerSecond => Accepted / (Seconds + DrainSeconds);
    }

    private async Task<ClosedResult> ClosedLoopAsync(int seconds, string phase)
    {
        Console.Error.WriteLine($"{phase}: {options.Connections} connections for {seconds} s...");
        var before = await SampleAsync();
        var cpuBefore = ProcessCpu.Read();
        long accepted = 0;
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        var samples = new List<Sample>();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var s = await SampleAsync();
                samples.Add(s with { Second = clock.Elapsed.TotalSeconds, Accepted = Interlocked.Read(ref accepted), Completions = s.Completions - before.Completions });
                try { await Task.Delay(1000, sampling.Token); } catch (TaskCanceledException) { }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(async _ =>
        {
            while (clock.Elapsed < duration && _patients.TryDequeue(out var patient))
            {
                await SubmitIntakeAsync(patient);
                Interlocked.Increment(ref accepted);
            }
        }));
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var atEnd = await SampleAsync();
        var completedInWindow = atEnd.Completions - before.Completions;
        // The backlog keeps draining after the load stops: how long until every accepted intake has its prescription.
        var drain = Stopwatch.StartNew();
        while ((await SampleAsync()).Completions - before.Completions < accepted && drain.Elapsed < TimeSpan.FromMinutes(10))
            await Task.Delay(500);
        var drainSeconds = drain.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var cpu = ProcessCpu.Since(cpuBefore);
        var completed = (await SampleAsync()).Completions - before.Completions;
        return new ClosedResult((int)Math.Round(loadSeconds), accepted, completedInWindow, drainSeconds, samples,
            cpu.ToDictionary(c => c.Key, c => completed > 0 ? c.Value / completed : double.NaN));
    }

    // ---- open loop -----------------------------------------------------------------------------------------------

    public sealed record OpenResult(double Rate, int Sent, int Seen, LongHistogram Latency, long Polls, bool FromDatabase);

    private async Task<OpenResult> OpenLoopAsync(double rate)
    {
        var count = (int)(rate * options.Seconds);
        Console.Error.WriteLine($"Open loop: {rate:0}/s for {options.Seconds} s ({count} intakes)...");
        var histogram = new LongHistogram(TimeSpan.FromMinutes(5).Ticks, 3);
        var seen = 0;
        long polls = 0;
        var clock = Stopwatch.StartNew();
        await using var watch = options.SessionsDatabase is { } database ? await PrescriptionWatch.OpenAsync(database, clock) : null;
        var tasks = new List<Task>(count);
        for (var i = 0; i < count && _patients.TryDequeue(out var patient); i++)
        {
            // Latency counts from when the intake was due, not from when it was sent: a stalled sender cannot hide a queue.
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            tasks.Add(Task.Run(async () =>
            {
                await SubmitIntakeAsync(patient);
                if (watch is not null)
                {
                    var seenAt = await watch.SeenAsync(patient).WaitAsync(TimeSpan.FromMinutes(2));
                    lock (histogram)
                        histogram.RecordValue((seenAt - due).Ticks);
                    Interlocked.Increment(ref seen);
                    return;
                }
                // Without Sessions' database, its API: polls back off (5 ms doubling to 500 ms): each is an audited read in Sessions, and a flood of them would be the load.
                var pollEvery = TimeSpan.FromMilliseconds(5);
                while (true)
                {
                    Interlocked.Increment(ref polls);
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Sessions, $"api/sessions/patients/{patient}/prescription"));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                    using var response = await _http.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.OK)
                        break;
                    if (clock.Elapsed - due > TimeSpan.FromMinutes(2))
                        return;
                    await Task.Delay(pollEvery);
                    pollEvery = TimeSpan.FromTicks(Math.Min(pollEvery.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
                }
                lock (histogram)
                    histogram.RecordValue((clock.Elapsed - due).Ticks);
                Interlocked.Increment(ref seen);
            }));
        }
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (TimeoutException)
        {
            // Counted as not seen: the report says how many of the intakes sent had a prescription within two minutes.
        }
        return new OpenResult(rate, tasks.Count, seen, histogram, watch?.Queries ?? polls, watch is not null);
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    public sealed record ReadResult(int Connections, double GatewayPerSecond, double DirectPerSecond);

    private async Task<IReadOnlyList<ReadResult>> GatewayVersusDirectAsync()
    {
        var results = new List<ReadResult>();
        foreach (var connections in new[] { 8, 32, 64 })
        {
            var viaGateway = await ReadRateAsync(new Uri(options.Gateway, "api/intake/clinics"), connections);
            var direct = await ReadRateAsync(new Uri(options.Intake, "api/intake/clinics"), connections);
            results.Add(new ReadResult(connections, viaGateway, direct));
        }
        return results;
    }

    private async Task<double> ReadRateAsync(Uri url, int connections)
    {
        long done = 0;
        var duration = TimeSpan.FromSeconds(Math.Min(10, options.Seconds));
        // A second of warm-up, not counted.
        var warmUntil = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (clock.Elapsed < duration + TimeSpan.FromSeconds(1))
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
                using var response = await _http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                if (warmUntil.Elapsed > TimeSpan.FromSeconds(1))
                    Interlocked.Increment(ref done);
            }
        }));
        return done / duration.TotalSeconds;
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private Task SubmitIntakeAsync(Guid patient) => SendAsync<JsonElement>(HttpMethod.Post, new Uri(options.Gateway, $"api/intake/patients/{patient}/intakes"), new
    {
        akps = _akps, nprs = new { now = 3, worstLastWeek = 5, whileRunning = 4 }, affectedSide = "left", symptomDurationWeeks = 8,
        running = new { isRunner = true, weeklyDistanceKm = 25, yearsRunning = 4, recentLoadChange = false },
        redFlags = RedFlags.ToDictionary(f => f, _ => false),
    });

    private async Task<T> SendAsync<T>(HttpMethod method, Uri url, object? body)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            if (body is not null)
                request.Content = JsonContent.Create(body);
            using var response = await _http.SendAsync(request);
            if (response.IsSuccessStatusCode)
                return (await response.Content.ReadFromJsonAsync<T>())!;
            // A rate limit means the platform was started without raising it: say so instead of measuring the limiter.
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                throw new InvalidOperationException("The gateway rate-limits this client: start the platform with Gateway__RateLimitPermits=1000000.");
            if (attempt == 3)
                throw new InvalidOperationException($"{method} {url.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Completions (program-assigned messages Sessions committed) and every service's outbox backlog, from their /metrics.</summary>
    private async Task<Sample> SampleAsync()
    {
        var texts = await Task.WhenAll(ServicePorts.Select(async port =>
        {
            try { return await _http.GetStringAsync($"http://127.0.0.1:{port}/metrics"); }
            catch (HttpRequestException) { return ""; }
        }));
        var backlog = Services.Select((name, i) => (name, value: Metric(texts[i], "rehab_outbox_backlog", null))).ToDictionary(b => b.name, b => b.value);
        var completions = Metric(texts[Array.IndexOf(Services, "sessions")], "rehab_inbox_consumed_total", "queue=\"program-assigned\"");
        return new Sample(0, 0, completions, backlog.Values.Sum(), backlog);
    }

    /// <summary>The sum of a metric's samples (with a label, when given) in Prometheus's text format.</summary>
    private static double Metric(string text, string name, string? label) => text.Split('\n')
        .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is '{' or ' ')
            && (label is null || line.Contains(label, StringComparison.Ordinal)))
        .Select(line => double.TryParse(line[(line.LastIndexOf('}') is var close and >= 0 ? close + 1 : name.Length)..].Trim().Split(' ')[0], NumberStyles.Float,
            CultureInfo.InvariantCulture, out var v) ? v : 0)
        .Sum();

    private string Report(ClosedResult? warmUp, ClosedResult closed, OpenResult open, IReadOnlyList<ReadResult> reads)
    {
        var r = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        static string ByProcess(ClosedResult result) =>
            string.Join(", ", result.CpuMsByProcess.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.00} ms")));
        r.AppendLine(c, $"## Load run, {options.Label}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC ({Environment.ProcessorCount} cores)");
        r.AppendLine();
        r.AppendLine(c, $"Closed loop, {options.Connections} connections, {closed.Seconds} s:");
        r.AppendLine();
        r.AppendLine("| figure | value |");
        r.AppendLine("|---|---|");
        r.AppendLine(c, $"| intakes accepted at the gateway | {closed.AcceptedPerSecond:0}/s ({closed.Accepted}) |");
        r.AppendLine(c, $"| end-to-end onboardings (prescription in Sessions) during the load | {closed.EndToEndPerSecond:0}/s |");
        r.AppendLine(c, $"| end-to-end / accepted | {closed.EndToEndPerSecond / Math.Max(1, closed.AcceptedPerSecond):0.00} |");
        r.AppendLine(c, $"| time to drain the backlog after the load | {closed.DrainSeconds:0.0} s |");
        r.AppendLine(c, $"| sustained end-to-end (accepted / (load + drain)) | {closed.SustainedPerSecond:0}/s |");
        var totalCpu = closed.CpuMsByProcess.Values.Where(double.IsFinite).Sum();
        r.AppendLine(c, $"| CPU per onboarding, all processes (load and drain) | {totalCpu:0.00} ms |");
        r.AppendLine(c, $"| CPU per onboarding by process | {ByProcess(closed)} |");
        if (warmUp is not null)
        {
            r.AppendLine(c, $"| warm-up before it (first load after start, {warmUp.Seconds} s): accepted, sustained | {warmUp.AcceptedPerSecond:0}/s, {warmUp.SustainedPerSecond:0}/s |");
            r.AppendLine(c, $"| warm-up: CPU per onboarding, all processes | {warmUp.CpuMsByProcess.Values.Where(double.IsFinite).Sum():0.00} ms ({ByProcess(warmUp)}) |");
        }
        r.AppendLine();
        r.AppendLine("Backlog over time (accepted and completed since the start; outbox rows waiting per service):");
        r.AppendLine();
        r.AppendLine("| s | accepted | completed | outbox intake / programs / sessions / form |");
        r.AppendLine("|---|---|---|---|");
        foreach (var s in closed.Samples.Where((_, i) => i % Math.Max(1, closed.Samples.Count / 15) == 0))
            r.AppendLine(c, $"| {s.Second:0} | {s.Accepted} | {s.Completions:0} | {string.Join(" / ", Services.Select(n => s.BacklogByService.GetValueOrDefault(n).ToString("0", c)))} |");
        r.AppendLine();
        double Ms(double percentile) => TimeSpan.FromTicks(open.Latency.GetValueAtPercentile(percentile)).TotalMilliseconds;
        var observedBy = open.FromDatabase
            ? string.Create(c, $"seen in Sessions' database, read-only every 2 ms: {open.Polls} queries")
            : string.Create(c, $"{open.Polls} polls of Sessions' API, {open.Polls / Math.Max(1.0, open.Sent):0.0} per intake; each an audited read: pass --sessions-db to watch its database instead");
        r.AppendLine(c, $"Open loop at {open.Rate:0}/s (half the sustained end-to-end rate) for {options.Seconds} s: {open.Seen} of {open.Sent} prescriptions seen; " +
            $"accepted -> prescription visible, from the scheduled send time: p50 {Ms(50):0.0} ms, p90 {Ms(90):0.0} ms, p99 {Ms(99):0.0} ms, max {Ms(100):0.0} ms " +
            $"({observedBy}).");
        r.AppendLine();
        r.AppendLine("GET /api/intake/clinics, 10 s each after 1 s of warm-up:");
        r.AppendLine();
        r.AppendLine("| connections | gateway/s | direct/s | gateway / direct |");
        r.AppendLine("|---|---|---|---|");
        foreach (var read in reads)
            r.AppendLine(c, $"| {read.Connections} | {read.GatewayPerSecond:0} | {read.DirectPerSecond:0} | {read.GatewayPerSecond / read.DirectPerSecond:0.00} |");
        return r.ToString();
    }
}

/// <summary>
/// CPU time of the platform's processes (user + system, from /proc), found by what they run, counted per process id:
/// a process that starts during the run counts in full, and one that ends (a PostgreSQL backend) leaves its time in
/// its parent's reaped-children fields, which are counted too.
/// </summary>
public static class ProcessCpu
{
    private static readonly (string Name, string Marker)[] Markers =
    [
        ("gateway", "Gateway.dll"), ("portal", "Portal.dll"), ("intake", "Intake.dll"), ("programs", "Programs.dll"), ("sessions", "Sessions.dll"),
        ("form", "Form.dll"), ("rabbitmq", "beam.smp"),
    ];

    private static string? NameOf(string cmdline) =>
        Markers.FirstOrDefault(m => cmdline.Contains(m.Marker, StringComparison.Ordinal)).Name
        // The server (/usr/lib/postgresql/15/bin/postgres) and its backends ("postgres: ..."), not a script's --postgres option.
        ?? (cmdline.StartsWith("postgres", StringComparison.Ordinal) || cmdline.Contains("/bin/postgres ", StringComparison.Ordinal) ? "postgres" : null);

    public static Dictionary<int, (string Name, double Ms)> Read()
    {
        const double ticksPerSecond = 100.0;
        var cpu = new Dictionary<int, (string, double)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (NameOf(cmdline) is not { } name)
                    continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // utime, stime, cutime, cstime are fields 14-17 of /proc/<pid>/stat (11-14 after the command's closing parenthesis).
                var ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));
                cpu[pid] = (name, ticks / ticksPerSecond * 1000);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return cpu;
    }

    public static Dictionary<string, double> Since(Dictionary<int, (string Name, double Ms)> before) =>
        Read().GroupBy(p => p.Value.Name)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value.Ms - (before.TryGetValue(p.Key, out var was) ? was.Ms : 0)));
}
