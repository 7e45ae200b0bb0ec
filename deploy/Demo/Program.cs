using System.Net;
using System.Text.Json;
using RehabPlatform.Clinical;
using RehabPlatform.Demo;
using RehabPlatform.Form.Model.Analysis;
using RehabPlatform.Form.Model.Synthetic;
using RehabPlatform.ServiceDefaults.Auth;

// dotnet run --project deploy/Demo -- seed|scenario [--gateway http://127.0.0.1:5100] [--patients-per-clinic 4] [--weeks 3]
var command = args.FirstOrDefault() ?? "scenario";
string Option(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var client = new DemoClient(new Uri(Option("--gateway", "http://127.0.0.1:5100/")));

switch (command)
{
    case "seed":
        await Seed.RunAsync(client);
        break;
    case "scenario":
        await Seed.RunAsync(client);
        await Scenario.RunAsync(client, int.Parse(Option("--patients-per-clinic", "4")), int.Parse(Option("--weeks", "3")));
        break;
    case "screenshots":
        await PortalScreenshots.RunAsync(new Uri(Option("--gateway", "http://127.0.0.1:5100/")), Option("--out", "docs/screenshots"));
        break;
    default:
        Console.Error.WriteLine("usage: Demo seed|scenario|screenshots [--gateway URL] [--patients-per-clinic N] [--weeks N] [--out folder]");
        return 2;
}
return 0;

/// <summary>The demo chain: three clinics (ids fixed so demo tokens match) and a second chain template.</summary>
internal static class Seed
{
    public static readonly (Guid Id, string Name, string Region, string Therapist)[] Clinics =
    [
        (DemoUsers.NorthClinic, "RehabPlatform North", "North", "therapist-north"),
        (DemoUsers.SouthClinic, "RehabPlatform South", "South", "therapist-south"),
        (DemoUsers.EastClinic, "RehabPlatform East", "East", "chain-admin"),
    ];

    public static async Task RunAsync(DemoClient client)
    {
        var opened = 0;
        foreach (var (id, name, region, _) in Clinics)
        {
            var (status, _) = await client.SendAsync("chain-admin", HttpMethod.Post, "api/intake/clinics", new { id, name, region, timeZone = "Europe/Amsterdam" });
            if (status == HttpStatusCode.Created) opened++;
            else if (status != HttpStatusCode.Conflict) throw new InvalidOperationException($"Opening {name} answered {(int)status}.");
        }

        var existing = await client.ExpectAsync("therapist-north", HttpMethod.Get, "api/programs/templates?tag=hip-focus", null, HttpStatusCode.OK);
        var templates = existing.GetProperty("total").GetInt32();
        if (templates == 0)
        {
            object Phase(int phase, params (string Code, int Sets, int? Reps, int? Hold)[] exercises) =>
                new { phase, exercises = exercises.Select(e => new { exerciseCode = e.Code, sets = e.Sets, reps = e.Reps, holdSeconds = e.Hold }) };
            var created = await client.ExpectAsync("therapist-north", HttpMethod.Post, "api/programs/templates", new
            {
                authorClinicId = DemoUsers.NorthClinic,
                name = "Runner's knee: hip-focused",
                description = "More hip abductor and external rotator work for runners whose knees fall inward.",
                visibility = "chain",
                tags = new[] { "runners-knee", "runner", "hip-focus" },
                sessionsPerWeek = 3,
                phases = new[]
                {
                    Phase(1, ("clamshell-band", 3, 15, null), ("side-lying-hip-abduction", 3, 15, null), ("wall-sit-isometric", 5, null, 45), ("foam-roll-itb", 1, null, 90)),
                    Phase(2, ("monster-walk-band", 3, 20, null), ("standing-hip-abduction-band", 3, 12, null), ("squat-partial-range", 3, 12, null), ("step-up-forward", 3, 12, null)),
                    Phase(3, ("single-leg-deadlift", 3, 10, null), ("lateral-step-down", 3, 10, null), ("single-leg-squat-supported", 3, 8, null)),
                    Phase(4, ("walk-run-progression", 1, null, 1800), ("single-leg-hops-in-place", 3, 10, null), ("a-skip-drill", 3, 20, null)),
                },
            }, HttpStatusCode.Created);
            await client.ExpectAsync("therapist-north", HttpMethod.Post, $"api/programs/templates/{created.GetProperty("templateId").GetGuid()}/publish", null, HttpStatusCode.OK);
            templates = 1;
        }
        Console.WriteLine($"Demo chain: {Clinics.Length} clinics ({opened} opened now), the default chain template and {templates} hip-focused chain template.");
    }
}

/// <summary>Realistic traffic through the gateway: onboarding, weeks of sessions, form captures, follow-ups.</summary>
internal static class Scenario
{
    private static readonly string[] RedFlags = ["calfSwellingAndWarmth", "lockedKnee", "constantOrNightPain", "fever"];
    // Invented names, so that the portal's lists look like a clinic's (the emails keep every registration distinct).
    private static readonly string[] GivenNames = ["Anna", "Bram", "Chloé", "Daan", "Eva", "Femke", "Geert", "Hana", "Isaac", "Jasmijn", "Koen", "Lotte", "Milan", "Noor", "Omar", "Pia"];
    private static readonly string[] FamilyNames = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Brouwer"];

    public static async Task RunAsync(DemoClient client, int perClinic, int weeks)
    {
        var random = new Random(2026);
        var akps = await client.ExpectAsync("chain-admin", HttpMethod.Get, "api/intake/questionnaires/akps", null, HttpStatusCode.OK);
        var items = akps.GetProperty("items").EnumerateArray().ToList();
        var onboarded = new List<(Guid Patient, string Therapist)>();
        int patients = 0, referrals = 0, reviewed = 0;

        foreach (var (clinicId, _, _, therapist) in Seed.Clinics)
        {
            for (var i = 0; i < perClinic; i++)
            {
                var suffix = Guid.NewGuid().ToString("N")[..8];
                var patient = await client.ExpectAsync(therapist, HttpMethod.Post, "api/intake/patients", new
                {
                    clinicId, givenName = GivenNames[random.Next(GivenNames.Length)], familyName = FamilyNames[random.Next(FamilyNames.Length)], birthDate = new DateOnly(1975 + random.Next(30), 1 + random.Next(12), 1 + random.Next(28)),
                    sex = random.Next(2) == 0 ? "female" : "male", email = $"demo.{suffix}@example.org", preferredLanguage = "en",
                }, HttpStatusCode.Created);
                var id = patient.GetProperty("id").GetGuid();
                patients++;
                foreach (var scope in new[] { "treatment", "form-analysis" })
                    await client.ExpectAsync(therapist, HttpMethod.Post, $"api/intake/patients/{id}/consents", new { scope, granted = true, version = "2026-01" }, HttpStatusCode.Created);

                var flag = i % 4 == 3 ? RedFlags[(patients / 4) % RedFlags.Length] : null;
                var flags = typeof(RedFlagChecklist).GetProperties().ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) == flag);
                var intake = await client.ExpectAsync(therapist, HttpMethod.Post, $"api/intake/patients/{id}/intakes", new
                {
                    akps = items.ToDictionary(item => item.GetProperty("code").GetString()!, item => item.GetProperty("options")[1 + random.Next(2)].GetProperty("code").GetString()),
                    nprs = new { now = 2 + random.Next(3), worstLastWeek = 3 + random.Next(5), whileRunning = 3 + random.Next(4) },
                    affectedSide = "left", symptomDurationWeeks = 4 + random.Next(20),
                    running = new { isRunner = true, weeklyDistanceKm = 15 + random.Next(40), yearsRunning = 1 + random.Next(15), recentLoadChange = random.Next(2) == 0 },
                    redFlags = flags,
                }, HttpStatusCode.Created);
                if (intake.GetProperty("outcome").GetString() == "needs-review")
                {
                    // AKPS answers that may be red flags (here: weight bearing impossible) wait for the therapist, who clears them.
                    intake = await client.ExpectAsync(therapist, HttpMethod.Post, $"api/intake/patients/{id}/intakes/{intake.GetProperty("id").GetGuid()}/review",
                        new { decision = "clear" }, HttpStatusCode.OK);
                    reviewed++;
                }
                if (intake.GetProperty("outcome").GetString() == "referred-out") referrals++;
                else onboarded.Add((id, therapist));
            }
        }

        int programs = 0, sessions = 0, mornings = 0, doseSteps = 0, doseEased = 0, holds = 0, phaseChanges = 0, regressions = 0, proposals = 0, returnToRun = 0;
        int captures = 0, cadenceDrills = 0, outcomes = 0, mcid = 0;
        foreach (var (patient, therapist) in onboarded)
        {
            var prescription = await client.WaitForAsync(therapist, $"api/sessions/patients/{patient}/prescription", _ => true, TimeSpan.FromSeconds(30));
            if (prescription is null) continue;
            programs++;
            var flareSession = random.Next(3 * weeks);
            for (var s = 0; s < 3 * weeks; s++)
            {
                var pain = onboarded.IndexOf((patient, therapist)) % 3 == 0 && s == flareSession ? 7 : 2 + random.Next(3);
                // The prescription can change between reading it and logging (Programs reacting to the last
                // session): Sessions then refuses exercises it no longer prescribes, and the client reads it again.
                for (var attempt = 1; ; attempt++)
                {
                    var current = await client.ExpectAsync(therapist, HttpMethod.Get, $"api/sessions/patients/{patient}/prescription", null, HttpStatusCode.OK);
                    var exercises = current.GetProperty("prescription").GetProperty("exercises").EnumerateArray().Take(3)
                        .Select(e => new { exerciseCode = e.GetProperty("exerciseCode").GetString(), setsDone = e.GetProperty("sets").GetInt32(), repsDone = 10, extra = false }).ToArray();
                    var performedAt = DateTimeOffset.UtcNow.AddDays(-7 * weeks + s * 7.0 / 3);
                    var (status, body) = await client.SendAsync(therapist, HttpMethod.Post, $"api/sessions/patients/{patient}/sessions", new
                    {
                        setting = s % 3 == 0 ? "in-clinic" : "home", performedAt, painBefore = 1, painDuring = pain,
                        painAfter = Math.Max(1, pain - 1), minutesToSettle = 30, rpe = 5, exercises,
                    });
                    if (status == HttpStatusCode.Created)
                    {
                        // The patient's own reports: daily pain that day and, most mornings, how the knee feels after the session
                        // (now and then worse: a one-night flare; now and then forgotten: the session then does not count).
                        var sessionId = body.GetProperty("id").GetGuid();
                        await client.ExpectAsync(therapist, HttpMethod.Post, $"api/sessions/patients/{patient}/pain-reports",
                            new { context = "daily-activity", pain = random.Next(3), reportedAt = performedAt.AddHours(4) }, HttpStatusCode.Created);
                        var morning = random.Next(10);
                        if (morning > 0)
                        {
                            var worse = morning == 1 || pain >= 6;
                            await client.ExpectAsync(therapist, HttpMethod.Post, $"api/sessions/patients/{patient}/pain-reports",
                                new { context = "next-morning", pain = worse ? 4 : 1, sessionId, worseThanBaseline = worse, reportedAt = Min(performedAt.AddHours(14), DateTimeOffset.UtcNow) },
                                HttpStatusCode.Created);
                            mornings++;
                        }
                        break;
                    }
                    if (status != HttpStatusCode.BadRequest || attempt == 3)
                        throw new InvalidOperationException($"Logging a session answered {(int)status}: {body}");
                    await Task.Delay(500);
                }
                sessions++;
                // Give Programs a moment, as days would pass between real sessions.
                await Task.Delay(200);
            }

            // The first patient's video was filmed on a phone at 30 fps: too few frames to trust, so its finding waits for the therapist.
            var fps = onboarded[0].Patient == patient ? 30 : 120;
            var frames = SyntheticRunner.Render(SyntheticRunner.Frames(new RunnerSpec { Cadence = fps == 30 ? 160 : 158 + random.Next(20), Seconds = 10, Fps = fps, Seed = random.Next() }), KeypointFormat.BlazePose);
            var upload = await client.SendAsync(therapist, HttpMethod.Post, $"api/form/patients/{patient}/captures", new { format = "blaze-pose", view = "side-facing-right", fps, aspectRatio = 1, frames });
            if (upload.Status == HttpStatusCode.Accepted)
            {
                captures++;
                var result = await client.WaitForAsync(therapist, $"api/form/captures/{upload.Body.GetProperty("captureId").GetGuid()}",
                    c => c.GetProperty("status").GetString() != "pending", TimeSpan.FromSeconds(30));
                if (fps == 120 && result?.GetProperty("result").GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "low-cadence") == true)
                {
                    // Running drills wait for return to run: before it, the program keeps them scheduled.
                    var drill = await client.WaitForAsync(therapist, $"api/programs/patients/{patient}/program",
                        p => p.GetProperty("scheduledDrills").EnumerateArray().Concat(p.GetProperty("prescription").GetProperty("exercises").EnumerateArray())
                            .Any(e => e.GetProperty("exerciseCode").GetString() == "metronome-cadence-run"), TimeSpan.FromSeconds(20));
                    if (drill is not null) cadenceDrills++;
                }
                else if (fps == 30)
                {
                    // The finding travels to Programs as an event: count its proposal once it has arrived, not before.
                    await client.WaitForAsync(therapist, $"api/programs/patients/{patient}/program/decisions",
                        d => d.EnumerateArray().Any(x => x.GetProperty("status").GetString() == "proposed"), TimeSpan.FromSeconds(20));
                }
            }

            var decisions = await client.ExpectAsync(therapist, HttpMethod.Get, $"api/programs/patients/{patient}/program/decisions", null, HttpStatusCode.OK);
            int Count(string decision) => decisions.EnumerateArray().Count(d => d.GetProperty("decision").GetString() == decision && d.GetProperty("status").GetString() == "applied");
            doseSteps += Count("dose-progressed");
            doseEased += Count("dose-regressed");
            holds += Count("hold");
            phaseChanges += Count("progress");
            regressions += Count("regress");
            proposals += decisions.EnumerateArray().Count(d => d.GetProperty("status").GetString() == "proposed");
            var now = await client.ExpectAsync(therapist, HttpMethod.Get, $"api/programs/patients/{patient}/program", null, HttpStatusCode.OK);
            if (now.GetProperty("phase").GetInt32() == 4) returnToRun++;

            var followUp = await client.SendAsync(therapist, HttpMethod.Post, $"api/sessions/patients/{patient}/outcomes", new
            {
                akps = items.ToDictionary(item => item.GetProperty("code").GetString()!, item => item.GetProperty("options")[random.Next(2)].GetProperty("code").GetString()),
                nprsNow = random.Next(3),
            });
            if (followUp.Status == HttpStatusCode.Created)
            {
                outcomes++;
                if (followUp.Body.GetProperty("akpsMcidReached").GetBoolean()) mcid++;
            }
        }

        Console.WriteLine($"Patients onboarded: {patients} across {Seed.Clinics.Length} clinics; referred out for a red flag: {referrals}; AKPS answers reviewed and cleared by a therapist: {reviewed}");
        Console.WriteLine($"Programs assigned (visible in Sessions): {programs}; sessions logged: {sessions} over {weeks} simulated weeks");
        Console.WriteLine($"Next-morning reports: {mornings} of {sessions} sessions");
        Console.WriteLine($"Dose steps up: {doseSteps}; eased: {doseEased}; holds: {holds}; phase changes: {phaseChanges}; phase regressions: {regressions}; waiting for a therapist: {proposals}");
        Console.WriteLine($"Patients in return to run: {returnToRun}");
        Console.WriteLine($"Form captures analysed: {captures}; cadence drills added or scheduled for return to run: {cadenceDrills}");
        Console.WriteLine($"Follow-up outcomes: {outcomes}; reaching the AKPS MCID (10 points): {mcid}");
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
