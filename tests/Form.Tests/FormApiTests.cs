using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.Contracts.Form;
using RehabPlatform.Contracts.Intake;
using RehabPlatform.Contracts.Programs;
using RehabPlatform.Form.Data;
using RehabPlatform.Form.Model;
using RehabPlatform.Form.Model.Analysis;
using RehabPlatform.Programs;
using RehabPlatform.Programs.Data;
using RehabPlatform.Form.Model.Synthetic;

namespace RehabPlatform.Form.Tests;

/// <summary>The Form service on a real broker: uploads, consent, bad captures, and the drill it leads to in Programs.</summary>
public sealed class FormApiTests : IAsyncLifetime
{
    private ServiceUnderTest<FormMarker, FormDbContext> _form = null!;
    private ServiceUnderTest<ProgramsMarker, ProgramsDbContext> _programs = null!;

    public async Task InitializeAsync()
    {
        _form = await ServiceUnderTest<FormMarker, FormDbContext>.StartAsync("form", DatabaseProvider.Sqlite, [typeof(FormAssessed)],
            settings: new Dictionary<string, string?> { ["RequestLimits:MaxBodyBytes"] = (5 * 1024 * 1024).ToString() });
        _programs = await ServiceUnderTest<ProgramsMarker, ProgramsDbContext>.StartAsync("programs", DatabaseProvider.Sqlite, [typeof(ProgramAdjusted)],
            sharedVirtualHost: _form.VirtualHost);
    }

    public async Task DisposeAsync()
    {
        await _programs.DisposeAsync();
        await _form.DisposeAsync();
    }

    /// <summary>A runner cleared at intake (so Programs assigns a program) who granted form-analysis consent.</summary>
    private async Task<Guid> ConsentedRunnerAsync(bool consent = true)
    {
        var patientId = Guid.NewGuid();
        await _form.Events.PublishAsync(new IntakeCompleted
        {
            IntakeId = Guid.NewGuid(), PatientId = patientId, ClinicId = DemoUsers.NorthClinic, AkpsScore = 75, AkpsVersion = "akps-kujala-13-v1", NprsNow = 2,
            NprsWorstLastWeek = 4, NprsWhileRunning = 3, AffectedSide = Side.Left, SymptomDurationWeeks = 8,
            Running = new RunningProfile { IsRunner = true, WeeklyDistanceKm = 30, YearsRunning = 5, RecentLoadChange = true }, OccurredAt = DateTimeOffset.UtcNow,
        });
        await _form.Events.PublishAsync(new ConsentChanged
        {
            PatientId = patientId, ClinicId = DemoUsers.NorthClinic, Scope = ConsentScope.FormAnalysis, Granted = consent, ConsentVersion = "2026-01", OccurredAt = DateTimeOffset.UtcNow,
        });
        await Eventually.MatchAsync(() => _form.QueryAsync(db => db.Patients.AnyAsync(p => p.PatientId == patientId && p.ConsentVersion != null)), known => known,
            TimeSpan.FromSeconds(20), "the consent in Form");
        return patientId;
    }

    private static JsonObject Upload(RunnerSpec spec, KeypointFormat format = KeypointFormat.BlazePose) => new()
    {
        ["format"] = format switch { KeypointFormat.BlazePose => "blaze-pose", KeypointFormat.OpenPoseBody25 => "open-pose-body25", _ => "coco17" },
        ["view"] = "side-facing-right",
        ["fps"] = spec.Fps,
        ["aspectRatio"] = 1,
        ["frames"] = SyntheticRunner.Render(SyntheticRunner.Frames(spec), format),
    };

    [Fact]
    public async Task One_upload_gives_one_FormAssessed_and_a_low_cadence_ends_as_a_cadence_drill_scheduled_for_return_to_run()
    {
        var patientId = await ConsentedRunnerAsync();
        using var therapist = _form.Client("therapist-north");

        var response = await therapist.PostAsJsonAsync($"api/form/patients/{patientId}/captures", Upload(new RunnerSpec { Cadence = 160, Seconds = 15 }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var statusUrl = response.Headers.Location!.ToString();
        var capture = await Eventually.MatchAsync(() => therapist.GetFromJsonAsync<JsonElement>(statusUrl.TrimStart('/')),
            c => c.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(30), "the analysis");
        Assert.InRange(capture.GetProperty("result").GetProperty("cadence").GetDouble(), 158.4, 161.6);
        // What the portal needs to explain the result: the range each metric is read against, the cue for each flag, the figures.
        Assert.Contains(capture.GetProperty("norms").EnumerateArray(), n => n.GetProperty("code").GetString() == "cadence" && n.GetProperty("min").GetDouble() == 170);
        Assert.Contains(capture.GetProperty("flagAdvice").EnumerateArray(), a => a.GetProperty("flag").GetString() == "low-cadence"
            && a.GetProperty("cue").GetString()!.Contains(capture.GetProperty("result").GetProperty("cadenceTarget").GetInt32().ToString()));
        var pose = capture.GetProperty("result").GetProperty("keyPoses")[0];
        Assert.Equal("initial-contact", pose.GetProperty("moment").GetString());
        Assert.Contains(pose.GetProperty("points").EnumerateArray(), p => p.GetProperty("joint").GetString() == "left-heel");
        var assessed = Assert.Single(await _form.Events.WaitForAsync<FormAssessed>(e => e.PatientId == patientId));
        Assert.Contains("low-cadence", assessed.Flags);
        // The patient is not running yet: the drill waits on the program for return to run.
        var finding = await _programs.Events.WaitForAsync<ProgramAdjusted>(e => e.PatientId == patientId && e.Decision == ProgressionDecision.FormFindingRecorded);
        Assert.DoesNotContain(finding.Single().Prescription.Exercises, e => e.ExerciseCode == "metronome-cadence-run");
        var scheduled = await _programs.QueryAsync(db => db.Programs.Where(p => p.PatientId == patientId).Select(p => p.FormDrills).SingleAsync());
        var cadenceDrill = Assert.Single(scheduled, e => e.ExerciseCode == "metronome-cadence-run");
        Assert.InRange(cadenceDrill.TargetCadence!.Value, 168, 176);
        await Task.Delay(1000);
        Assert.Single(_form.Events.Received<FormAssessed>(), e => e.PatientId == patientId);
    }

    [Fact]
    public async Task A_checklist_with_a_low_step_rate_schedules_the_cadence_drill_exactly_as_a_pose_capture_does()
    {
        var patientId = await ConsentedRunnerAsync(consent: false);
        using var therapist = _form.Client("therapist-north");

        var response = await therapist.PostAsJsonAsync($"api/form/patients/{patientId}/checklists", new
        {
            stepRate = 160,
            treadmillSpeedKmh = 10,
            findings = new object[]
            {
                new { item = "overstride", side = "left", finding = "marked" },
                new { item = "knee-collapse", side = "right", finding = "mild", relevant = true, angle = 16 },
                new { item = "trunk-lean", side = "both", finding = "absent" },
            },
        });

        // No video, so no form-analysis consent is needed; the same event as a capture, marked as a checklist.
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var checklist = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(172, checklist.GetProperty("conclusion").GetProperty("cadenceTarget").GetInt32());
        Assert.Contains(checklist.GetProperty("advice").EnumerateArray(), a => a.GetProperty("flag").GetString() == "low-cadence"
            && a.GetProperty("cue").GetString()!.Contains("172", StringComparison.Ordinal));
        var assessed = Assert.Single(await _form.Events.WaitForAsync<FormAssessed>(e => e.PatientId == patientId));
        Assert.Equal(AssessmentMethods.ObservationalChecklist, assessed.Method);
        Assert.Equal(["low-cadence", "overstride", "dynamic-knee-valgus"], assessed.Flags);
        Assert.Contains(assessed.Metrics, m => m.Metric == MetricCodes.Kfppa && m.Value == 16);
        // The patient is not running yet: the drill waits on the program for return to run, as after a capture.
        var finding = await _programs.Events.WaitForAsync<ProgramAdjusted>(e => e.PatientId == patientId && e.Decision == ProgressionDecision.FormFindingRecorded);
        Assert.DoesNotContain(finding.Single().Prescription.Exercises, e => e.ExerciseCode == "metronome-cadence-run");
        var scheduled = await _programs.QueryAsync(db => db.Programs.Where(p => p.PatientId == patientId).Select(p => p.FormDrills).SingleAsync());
        var cadenceDrill = Assert.Single(scheduled, e => e.ExerciseCode == "metronome-cadence-run");
        Assert.InRange(cadenceDrill.TargetCadence!.Value, 168, 176);

        var list = await therapist.GetFromJsonAsync<JsonElement>($"api/form/patients/{patientId}/checklists");
        Assert.Equal(checklist.GetProperty("checklistId").GetGuid(), Assert.Single(list.EnumerateArray()).GetProperty("checklistId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await _form.Client("therapist-south").GetAsync($"api/form/patients/{patientId}/checklists")).StatusCode);
    }

    [Fact]
    public async Task A_checklist_with_unknown_items_sides_or_categories_gets_400_with_field_errors_and_stores_nothing()
    {
        var patientId = await ConsentedRunnerAsync();
        using var therapist = _form.Client("therapist-north");

        var response = await therapist.PostAsJsonAsync($"api/form/patients/{patientId}/checklists", new
        {
            stepRate = 20,
            findings = new object[]
            {
                new { item = "moonwalk", side = "left", finding = "marked" },
                new { item = "trunk-lean", side = "left", finding = "marked" },
                new { item = "overstride", side = "left", finding = "huge", angle = 12 },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var field in new[] { "stepRate", "findings[0].item", "findings[1].side", "findings[2].finding", "findings[2].angle" })
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} in {problem}");
        Assert.Equal(0, await _form.CountAsync<ChecklistAssessment>());
        await Task.Delay(500);
        Assert.DoesNotContain(_form.Events.Received<FormAssessed>(), e => e.PatientId == patientId);
    }

    [Fact]
    public async Task Per_leg_findings_are_read_against_the_knee_recorded_as_painful_at_intake()
    {
        var patientId = await ConsentedRunnerAsync();
        using var therapist = _form.Client("therapist-north");

        var response = await therapist.PostAsJsonAsync($"api/form/patients/{patientId}/captures",
            Upload(new RunnerSpec { KneeFlexionAtContact = 8, RightKneeFlexionAtContact = 24, Seconds = 12 }));
        var capture = await Eventually.MatchAsync(() => therapist.GetFromJsonAsync<JsonElement>(response.Headers.Location!.ToString().TrimStart('/')),
            c => c.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(30), "the analysis");

        Assert.Equal("left", capture.GetProperty("affectedSide").GetString());
        var affected = capture.GetProperty("affectedLegFlags").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains("straight-knee-landing:left", affected);
        Assert.All(affected, f => Assert.EndsWith(":left", f));
        Assert.Contains("straight-knee-landing:left", capture.GetProperty("result").GetProperty("legFlags").EnumerateArray().Select(f => f.GetString()));
        var knee = capture.GetProperty("result").GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("code").GetString() == MetricCodes.KneeFlexion);
        Assert.True(knee.GetProperty("left").GetDouble() < knee.GetProperty("right").GetDouble() - 8);
        // Both legs together land bent enough; the advice still covers the one leg that does not.
        Assert.DoesNotContain("straight-knee-landing", capture.GetProperty("result").GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains(capture.GetProperty("flagAdvice").EnumerateArray(), a => a.GetProperty("flag").GetString() == "straight-knee-landing");
    }

    [Fact]
    public async Task An_openpose_zip_upload_is_accepted_and_analysed()
    {
        var patientId = await ConsentedRunnerAsync();
        using var therapist = _form.Client("therapist-north");
        var frames = SyntheticRunner.Render(SyntheticRunner.Frames(new RunnerSpec { Seconds = 8, Fps = 60 }), KeypointFormat.OpenPoseBody25);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                await using var entry = archive.CreateEntry($"run_{i:D12}_keypoints.json").Open();
                await entry.WriteAsync(Encoding.UTF8.GetBytes(frames[i]!.ToJsonString()));
            }
        }
        var content = new ByteArrayContent(zip.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");

        var response = await therapist.PostAsync($"api/form/patients/{patientId}/captures/openpose-zip?view=side-facing-right&fps=60", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(await _form.Events.WaitForAsync<FormAssessed>(e => e.PatientId == patientId));
    }

    [Fact]
    public async Task Without_form_analysis_consent_the_upload_is_refused()
    {
        var patientId = await ConsentedRunnerAsync(consent: false);
        using var therapist = _form.Client("therapist-north");

        var response = await therapist.PostAsJsonAsync($"api/form/patients/{patientId}/captures", Upload(new RunnerSpec { Seconds = 5 }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("consent", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await _form.CountAsync<Capture>());
    }

    [Fact]
    public async Task Bad_captures_get_400_422_or_413_saying_why_and_store_nothing()
    {
        var patientId = await ConsentedRunnerAsync();
        using var therapist = _form.Client("therapist-north");
        var url = $"api/form/patients/{patientId}/captures";

        var wrongCount = Upload(new RunnerSpec { Seconds = 2 });
        wrongCount["frames"]![3]!["landmarks"]!.AsArray().RemoveAt(0);
        var withNaN = Upload(new RunnerSpec { Seconds = 2 }, KeypointFormat.Coco17);
        withNaN["frames"]![1]!["keypoints"]![4] = "NaN";
        var zeroFps = Upload(new RunnerSpec { Seconds = 2 });
        zeroFps["fps"] = 0;
        var noFrames = Upload(new RunnerSpec { Seconds = 2 });
        noFrames["frames"] = new JsonArray();
        var oneContact = Upload(new RunnerSpec { Seconds = 0.5 });
        var oversized = Upload(new RunnerSpec { Seconds = 90 }, KeypointFormat.OpenPoseBody25);
        var noAspectRatio = Upload(new RunnerSpec { Seconds = 2 });
        noAspectRatio.Remove("aspectRatio");
        var mirrored = Upload(new RunnerSpec { Seconds = 4 });
        mirrored["view"] = "side-facing-left";

        var cases = new (string Why, JsonObject Body, HttpStatusCode Status, string Mentions)[]
        {
            ("wrong keypoint count", wrongCount, HttpStatusCode.BadRequest, "frames[3].landmarks"),
            ("normalised coordinates without the image's aspect ratio", noAspectRatio, HttpStatusCode.BadRequest, "aspectRatio"),
            ("NaN", withNaN, HttpStatusCode.BadRequest, "frames[1].keypoints[4]"),
            ("fps of 0", zeroFps, HttpStatusCode.BadRequest, "fps"),
            ("no frames", noFrames, HttpStatusCode.BadRequest, "frames"),
            ("fewer than 2 contacts per side", oneContact, HttpStatusCode.UnprocessableEntity, "at least 2 per side"),
            // The reason is keyed by the field it is about, for a form to show beside it.
            ("the view declared against the direction of travel", mirrored, HttpStatusCode.UnprocessableEntity, "\"errors\":{\"view\":[\"The runner moves to the right"),
            ("oversized", oversized, HttpStatusCode.RequestEntityTooLarge, "too large"),
        };
        foreach (var (why, body, status, mentions) in cases)
        {
            // Expect: 100-continue lets the service refuse an oversized body before the client sends it, as real clients do.
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.ExpectContinue = true;
            var response = await therapist.SendAsync(request);
            Assert.True(response.StatusCode == status, $"{why}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(mentions, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(0, await _form.CountAsync<Capture>());
    }

    [Fact]
    public async Task Another_clinics_patient_is_a_404()
    {
        var patientId = await ConsentedRunnerAsync();
        using var south = _form.Client("therapist-south");

        var response = await south.PostAsJsonAsync($"api/form/patients/{patientId}/captures", Upload(new RunnerSpec { Seconds = 5 }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await south.GetAsync($"api/form/patients/{patientId}/captures")).StatusCode);
    }
}
