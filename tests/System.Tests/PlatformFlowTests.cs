using RehabPlatform.Clinical;
using RehabPlatform.Form.Model.Analysis;
using RehabPlatform.Form.Model.Synthetic;

namespace RehabPlatform.SystemTests;

/// <summary>The main flows of the platform, as real processes on a real broker, driven only through the gateway.</summary>
public sealed class PlatformFlowTests(Platform platform) : IClassFixture<Platform>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private static Dictionary<string, object?> Intake(string? redFlag = null) => new()
    {
        ["akps"] = Akps.Items.ToDictionary(i => i.Code, i => i.Options[1].Code),
        ["nprs"] = new { now = 3, worstLastWeek = 5, whileRunning = 4 },
        ["affectedSide"] = "left",
        ["symptomDurationWeeks"] = 8,
        ["running"] = new { isRunner = true, weeklyDistanceKm = 25, yearsRunning = 4, recentLoadChange = true },
        ["redFlags"] = typeof(RedFlagChecklist).GetProperties().ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p.Name == redFlag),
    };

    private static async Task<Guid> OnboardAsync(HttpClient therapist, Guid clinic, string? redFlag = null, string family = "Tester")
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var patient = await therapist.PostAsJsonAsync("api/intake/patients", new
        {
            clinicId = clinic, givenName = "Quentin", familyName = family + suffix, birthDate = "1988-02-14", sex = "male",
            email = $"q.{suffix}@example.org", phone = "+31 6 5555 0101", preferredLanguage = "en",
        });
        Assert.Equal(HttpStatusCode.Created, patient.StatusCode);
        var id = (await patient.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var scope in new[] { "treatment", "form-analysis" })
            Assert.Equal(HttpStatusCode.Created, (await therapist.PostAsJsonAsync($"api/intake/patients/{id}/consents", new { scope, granted = true, version = "2026-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await therapist.PostAsJsonAsync($"api/intake/patients/{id}/intakes", Intake(redFlag))).StatusCode);
        return id;
    }

    private static Task<JsonElement> PrescriptionAsync(HttpClient client, Guid patient, Func<JsonElement, bool> condition) =>
        Eventually.MatchAsync(async () =>
        {
            var response = await client.GetAsync($"api/sessions/patients/{patient}/prescription");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, p => p.ValueKind == JsonValueKind.Object && condition(p), Within, "the prescription in Sessions");

    /// <summary>A session, and the patient's next-morning report on it: not worse than before, so the session counts.</summary>
    private static async Task LogConfirmedSessionAsync(HttpClient therapist, Guid patient, int painDuring)
    {
        var session = await LogSessionAsync(therapist, patient, painDuring);
        var morning = await therapist.PostAsJsonAsync($"api/sessions/patients/{patient}/pain-reports",
            new { context = "next-morning", pain = 1, sessionId = session, worseThanBaseline = false });
        Assert.Equal(HttpStatusCode.Created, morning.StatusCode);
    }

    private static async Task<Guid> LogSessionAsync(HttpClient therapist, Guid patient, int painDuring)
    {
        var prescription = await (await therapist.GetAsync($"api/sessions/patients/{patient}/prescription")).Content.ReadFromJsonAsync<JsonElement>();
        var code = prescription.GetProperty("prescription").GetProperty("exercises")[0].GetProperty("exerciseCode").GetString();
        var response = await therapist.PostAsJsonAsync($"api/sessions/patients/{patient}/sessions", new
        {
            setting = "home", performedAt = DateTimeOffset.UtcNow.AddHours(-1), painBefore = 1, painDuring, painAfter = 2, minutesToSettle = 20,
            exercises = new[] { new { exerciseCode = code, setsDone = 3, repsDone = 10 } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Onboarding_without_flags_shows_the_program_in_Sessions_within_seconds()
    {
        using var therapist = await platform.ClientAsync("therapist-north");

        var patient = await OnboardAsync(therapist, DemoUsers.NorthClinic);

        var prescription = await PrescriptionAsync(therapist, patient, _ => true);
        Assert.Equal(2, prescription.GetProperty("phase").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await therapist.GetAsync($"api/programs/patients/{patient}/program")).StatusCode);
    }

    [Fact]
    public async Task A_red_flag_refers_the_patient_and_no_program_exists_anywhere()
    {
        using var therapist = await platform.ClientAsync("therapist-north");

        var patient = await OnboardAsync(therapist, DemoUsers.NorthClinic, nameof(RedFlagChecklist.LockedKnee));

        var intakes = await therapist.GetFromJsonAsync<JsonElement>($"api/intake/patients/{patient}/intakes");
        Assert.Equal("referred-out", intakes[0].GetProperty("outcome").GetString());
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.GetAsync($"api/programs/patients/{patient}/program")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.GetAsync($"api/sessions/patients/{patient}/prescription")).StatusCode);
    }

    [Fact]
    public async Task Sessions_confirmed_by_calm_mornings_progress_the_dose_not_the_phase_and_pain_above_the_limit_eases_it()
    {
        using var therapist = await platform.ClientAsync("therapist-north");
        var patient = await OnboardAsync(therapist, DemoUsers.NorthClinic);
        var assigned = await PrescriptionAsync(therapist, patient, p => p.GetProperty("phase").GetInt32() == 2);

        await LogSessionAsync(therapist, patient, 3);
        await LogSessionAsync(therapist, patient, 3);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var unconfirmed = await PrescriptionAsync(therapist, patient, _ => true);
        await LogConfirmedSessionAsync(therapist, patient, 3);
        await LogConfirmedSessionAsync(therapist, patient, 4);
        var progressed = await PrescriptionAsync(therapist, patient, p => p.GetProperty("programVersion").GetInt32() >= 2);
        await LogSessionAsync(therapist, patient, 7);
        var eased = await PrescriptionAsync(therapist, patient, p => p.GetProperty("programVersion").GetInt32() >= 3);

        Assert.Equal(1, unconfirmed.GetProperty("programVersion").GetInt32());
        Assert.Equal((2, 2, 2), (progressed.GetProperty("programVersion").GetInt32(), progressed.GetProperty("phase").GetInt32(), eased.GetProperty("phase").GetInt32()));
        int Reps(JsonElement p) => p.GetProperty("prescription").GetProperty("exercises").EnumerateArray()
            .Single(e => e.GetProperty("exerciseCode").GetString() == "squat-partial-range").GetProperty("reps").GetInt32();
        Assert.Equal((12, 14, 12), (Reps(assigned), Reps(progressed), Reps(eased)));
    }

    [Fact]
    public async Task A_low_cadence_capture_before_return_to_run_schedules_the_cadence_drill_with_its_cue()
    {
        using var therapist = await platform.ClientAsync("therapist-north");
        var patient = await OnboardAsync(therapist, DemoUsers.NorthClinic);
        await PrescriptionAsync(therapist, patient, _ => true);
        var frames = SyntheticRunner.Render(SyntheticRunner.Frames(new RunnerSpec { Cadence = 160, Seconds = 10 }), KeypointFormat.BlazePose);

        var upload = await therapist.PostAsJsonAsync($"api/form/patients/{patient}/captures", new { format = "blaze-pose", view = "side-facing-right", fps = 120, aspectRatio = 1, frames });

        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var program = await Eventually.MatchAsync(() => therapist.GetFromJsonAsync<JsonElement>($"api/programs/patients/{patient}/program"),
            p => p.GetProperty("scheduledDrills").GetArrayLength() > 0, Within, "the scheduled drill");
        var drill = program.GetProperty("scheduledDrills").EnumerateArray().Single(e => e.GetProperty("exerciseCode").GetString() == "metronome-cadence-run");
        Assert.InRange(drill.GetProperty("targetCadence").GetInt32(), 168, 176);
        Assert.DoesNotContain(program.GetProperty("prescription").GetProperty("exercises").EnumerateArray(), e => e.GetProperty("exerciseCode").GetString() == "metronome-cadence-run");
        var decisions = await therapist.GetFromJsonAsync<JsonElement>($"api/programs/patients/{patient}/program/decisions");
        var finding = decisions.EnumerateArray().Single(d => d.GetProperty("decision").GetString() == "form-finding-recorded");
        Assert.Contains("steps a minute", finding.GetProperty("inputs").GetProperty("cues").GetString());
    }

    [Fact]
    public async Task A_follow_up_records_an_outcome_with_the_mcid_reached()
    {
        using var therapist = await platform.ClientAsync("therapist-north");
        var patient = await OnboardAsync(therapist, DemoUsers.NorthClinic);
        await PrescriptionAsync(therapist, patient, _ => true);

        var outcome = await Eventually.MatchAsync(
            () => therapist.PostAsJsonAsync($"api/sessions/patients/{patient}/outcomes", new { akps = Akps.Items.ToDictionary(i => i.Code, i => i.Options[0].Code), nprsNow = 1 }),
            r => r.StatusCode == HttpStatusCode.Created, Within, "the outcome (after the baseline reached Sessions)");

        var body = await outcome.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("akpsMcidReached").GetBoolean());
        Assert.Equal(100, body.GetProperty("akpsFollowUp").GetInt32());
    }

    [Fact]
    public async Task A_patients_FHIR_export_through_the_gateway_parses_back_with_every_reference_resolved_and_a_foreign_clinic_gets_404()
    {
        using var therapist = await platform.ClientAsync("therapist-north");
        var patient = await OnboardAsync(therapist, DemoUsers.NorthClinic);
        await PrescriptionAsync(therapist, patient, _ => true);
        await Eventually.MatchAsync(
            () => therapist.PostAsJsonAsync($"api/sessions/patients/{patient}/outcomes", new { akps = Akps.Items.ToDictionary(i => i.Code, i => i.Options[0].Code), nprsNow = 1 }),
            r => r.StatusCode == HttpStatusCode.Created, Within, "the follow-up");
        var frames = SyntheticRunner.Render(SyntheticRunner.Frames(new RunnerSpec { Cadence = 160, Seconds = 8 }), KeypointFormat.BlazePose);
        var upload = await therapist.PostAsJsonAsync($"api/form/patients/{patient}/captures", new { format = "blaze-pose", view = "side-facing-right", fps = 120, aspectRatio = 1, frames });
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        await Eventually.MatchAsync(async () => (await therapist.GetFromJsonAsync<JsonElement>($"api/form/patients/{patient}/captures"))[0].GetProperty("status").GetString(),
            status => status == "completed", Within, "the analysis");

        var response = await therapist.GetAsync($"api/export/patients/{patient}/fhir");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Fhir.FhirExport.MediaType, response.Content.Headers.ContentType?.MediaType);
        var bundle = Fhir.FhirExport.ParseBundle(await response.Content.ReadAsStringAsync());
        var counts = bundle.Entry.GroupBy(e => e.Resource!.TypeName).ToDictionary(g => g.Key, g => g.Count());
        TestEnvironment.Report("FHIR export of an onboarded runner through the gateway: " + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key}")));
        Assert.Empty(Fhir.FhirExport.UnresolvedReferences(bundle));
        Assert.Equal(1, counts["Patient"]);
        Assert.Equal(1, counts["Organization"]);
        Assert.Equal(1, counts["Questionnaire"]);
        Assert.Equal(2, counts["QuestionnaireResponse"]);
        Assert.Equal(1, counts["CarePlan"]);
        Assert.Equal(1, counts["PlanDefinition"]);
        var carePlan = bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.CarePlan>().Single();
        var plan = bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.PlanDefinition>().Single();
        Assert.Equal($"{plan.Url}|{plan.Version}", Assert.Single(carePlan.InstantiatesCanonical));
        var observations = bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Observation>().ToList();
        Assert.Equal(2, observations.Count(o => o.Code.Coding.Any(c => c.System == Fhir.FhirExport.Loinc && c.Code == "72514-3")));
        Assert.Contains(observations, o => o.Code.Coding.Any(c => c.System == Fhir.FhirExport.RunningFormMetrics && c.Code == MetricCodes.Cadence));
        Assert.Contains(observations, o => o.Component.Count == 2);
        var patientResource = bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Patient>().Single();
        Assert.Equal($"urn:uuid:{DemoUsers.NorthClinic}", patientResource.ManagingOrganization?.Reference);

        using var south = await platform.ClientAsync("therapist-south");
        Assert.Equal(HttpStatusCode.NotFound, (await south.GetAsync($"api/export/patients/{patient}/fhir")).StatusCode);
        using var ops = await platform.ClientAsync("ops");
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.GetAsync($"api/export/patients/{patient}/fhir")).StatusCode);
    }

    [Fact]
    public async Task After_a_transfer_the_old_clinic_gets_404_and_the_new_one_sees_everything()
    {
        using var north = await platform.ClientAsync("therapist-north");
        using var south = await platform.ClientAsync("therapist-south");
        using var admin = await platform.ClientAsync("chain-admin");
        var patient = await OnboardAsync(north, DemoUsers.NorthClinic);
        await PrescriptionAsync(north, patient, _ => true);
        await LogSessionAsync(north, patient, 2);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"api/intake/patients/{patient}/transfer", new { toClinicId = DemoUsers.SouthClinic })).StatusCode);

        var timeline = await Eventually.MatchAsync(async () =>
        {
            var response = await south.GetAsync($"api/sessions/patients/{patient}/timeline");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, t => t.ValueKind == JsonValueKind.Object, Within, "the timeline at the new clinic");
        Assert.Equal(1, timeline.GetProperty("sessions").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await south.GetAsync($"api/intake/patients/{patient}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await south.GetAsync($"api/programs/patients/{patient}/program")).StatusCode);
        foreach (var path in new[] { $"api/intake/patients/{patient}", $"api/sessions/patients/{patient}/timeline", $"api/programs/patients/{patient}/program", $"api/form/patients/{patient}/captures" })
            Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task No_process_logs_traces_or_measures_a_patients_name_email_phone_or_birth_date()
    {
        using var therapist = await platform.ClientAsync("therapist-north");
        var family = "Privacyscan";
        var patient = await OnboardAsync(therapist, DemoUsers.NorthClinic, family: family);
        await PrescriptionAsync(therapist, patient, _ => true);
        await LogSessionAsync(therapist, patient, 3);
        await therapist.GetAsync($"api/intake/patients?search={family}");
        await therapist.GetAsync($"api/intake/patients/{patient}");
        await therapist.GetAsync($"api/programs/patients/{patient}/program");
        var patientId = patient.ToString();
        // Spans naming the patient's id (request paths, events) from the gateway and every service show the scan sees their traces.
        await Eventually.MatchAsync(
            () => Task.FromResult(new[] { "gateway", "intake", "programs", "sessions" }
                .All(service => platform.Telemetry.Exports.Any(e => e.Signal == "traces" && e.IsFrom(service) && e.Contains(patientId)))),
            all => all, Within, "traces about the patient from the gateway, Intake, Programs and Sessions");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var metrics = await platform.MetricsPagesAsync();

        string[] personal = ["Quentin", family, "@example.org", "5555 0101", "+31 6", "1988-02-14", "14/02/1988", "02/14/1988"];
        var lines = platform.Output.ToList();
        var exports = platform.Telemetry.Exports.ToList();
        Assert.Contains(lines, l => l.Contains("[intake]"));
        Assert.Contains(exports, e => e.Signal == "logs");
        Assert.Contains(exports, e => e.Signal == "metrics");
        Assert.DoesNotContain(lines, l => personal.Any(v => l.Contains(v, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(exports, e => personal.Any(e.ContainsIgnoringCase));
        Assert.DoesNotContain(metrics, m => personal.Any(v => m.Contains(v, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Every_service_metric_the_Grafana_dashboards_chart_is_exported_after_a_full_flow()
    {
        using var therapist = await platform.ClientAsync("therapist-north");
        var patient = await OnboardAsync(therapist, DemoUsers.NorthClinic);
        await OnboardAsync(therapist, DemoUsers.NorthClinic, nameof(RedFlagChecklist.LockedKnee));
        await PrescriptionAsync(therapist, patient, _ => true);
        await LogConfirmedSessionAsync(therapist, patient, 2);
        await LogConfirmedSessionAsync(therapist, patient, 3);
        await PrescriptionAsync(therapist, patient, p => p.GetProperty("programVersion").GetInt32() >= 2);
        var frames = SyntheticRunner.Render(SyntheticRunner.Frames(new RunnerSpec { Cadence = 160, Seconds = 6 }), KeypointFormat.BlazePose);
        Assert.Equal(HttpStatusCode.Accepted, (await therapist.PostAsJsonAsync($"api/form/patients/{patient}/captures", new { format = "blaze-pose", view = "side-facing-right", fps = 120, aspectRatio = 1, frames })).StatusCode);
        await Eventually.MatchAsync(
            () => therapist.PostAsJsonAsync($"api/sessions/patients/{patient}/outcomes", new { akps = Akps.Items.ToDictionary(i => i.Code, i => i.Options[0].Code), nprsNow = 1 }),
            r => r.StatusCode == HttpStatusCode.Created, Within, "the outcome");
        var charted = Directory.GetFiles(Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "grafana", "dashboards"), "*.json")
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"\b(?:rehab|http_server)_[a-z_]+\b").Select(m => m.Value))
            .ToHashSet();
        Assert.NotEmpty(charted);

        async Task<List<string>> MissingAsync()
        {
            var exported = (await platform.MetricsPagesAsync())
                .SelectMany(page => page.Split('\n').Where(l => l.Length > 0 && l[0] != '#'))
                .Select(line => line.Split('{', ' ')[0])
                .ToHashSet();
            return charted.Except(exported).Order().ToList();
        }

        // Counters appear once incremented, and the form analysis finishes in the background.
        var missing = await MissingAsync();
        for (var attempt = 0; attempt < 30 && missing.Count > 0; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            missing = await MissingAsync();
        }
        Assert.Empty(missing);
    }
}
