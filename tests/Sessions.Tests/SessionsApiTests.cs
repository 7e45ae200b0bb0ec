using Microsoft.EntityFrameworkCore;
using RehabPlatform.Clinical;
using RehabPlatform.Contracts.Intake;
using RehabPlatform.Contracts.Programs;
using RehabPlatform.Contracts.Sessions;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.Sessions.Data;
using RehabPlatform.Sessions.Model;
using PainContext = RehabPlatform.Contracts.Sessions.PainContext;
using PrescribedExercise = RehabPlatform.Contracts.Programs.PrescribedExercise;
using Prescription = RehabPlatform.Contracts.Programs.Prescription;
using SessionSetting = RehabPlatform.Contracts.Sessions.SessionSetting;

namespace RehabPlatform.Sessions.Tests;

/// <summary>The Sessions service against a real broker and a real database, once per provider.</summary>
public abstract class SessionsApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private ServiceUnderTest<SessionsMarker, SessionsDbContext> _app = null!;

    public async Task InitializeAsync() => _app = await ServiceUnderTest<SessionsMarker, SessionsDbContext>.StartAsync("sessions", provider,
        [typeof(SessionCompleted), typeof(PainReported), typeof(OutcomeRecorded)]);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    internal static Prescription Prescription(int phase, params string[] codes) => new()
    {
        Phase = phase, SessionsPerWeek = 3, Exercises = codes.Select(c => new PrescribedExercise { ExerciseCode = c, Sets = 3, Reps = 12 }).ToList(),
    };

    private async Task<ProgramAssigned> AssignAsync(Guid? clinic = null, Guid? template = null)
    {
        var assigned = new ProgramAssigned
        {
            ProgramId = Guid.NewGuid(), PatientId = Guid.NewGuid(), ClinicId = clinic ?? DemoUsers.NorthClinic, TemplateId = template ?? Guid.NewGuid(), TemplateVersion = 1,
            ProgramVersion = 1, Prescription = Prescription(2, "squat-partial-range", "clamshell-band"), OccurredAt = DateTimeOffset.UtcNow,
        };
        await _app.Events.PublishAsync(assigned);
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Prescriptions.AnyAsync(p => p.ProgramId == assigned.ProgramId)), found => found, TimeSpan.FromSeconds(20), "the prescription");
        return assigned;
    }

    internal static object Session(int painDuring = 3, string code = "squat-partial-range", bool extra = false) => new
    {
        setting = "home", performedAt = DateTimeOffset.UtcNow.AddMinutes(-30), painBefore = 1, painDuring, painAfter = 2, minutesToSettle = 20, rpe = 5,
        notes = "Felt fine on the stairs afterwards",
        exercises = new[] { new { exerciseCode = code, setsDone = 3, repsDone = 12, extra } },
    };

    [Fact]
    public async Task Logging_a_session_publishes_exactly_one_SessionCompleted_and_a_repeated_key_creates_one_session()
    {
        var program = await AssignAsync();
        using var therapist = _app.Client("therapist-north");
        var key = Guid.NewGuid().ToString();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/sessions/patients/{program.PatientId}/sessions") { Content = JsonContent.Create(Session()) };
            request.Headers.Add("Idempotency-Key", key);
            responses.Add(await therapist.SendAsync(request));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var completed = Assert.Single(await _app.Events.WaitForAsync<SessionCompleted>(e => e.PatientId == program.PatientId));
        Assert.Equal((program.ProgramId, 3), (completed.ProgramId, completed.PainDuring));
        await Task.Delay(1000);
        Assert.Single(_app.Events.Received<SessionCompleted>(), e => e.PatientId == program.PatientId);
        Assert.Equal(1, await _app.QueryAsync(db => db.Sessions.CountAsync(s => s.PatientId == program.PatientId)));
    }

    [Fact]
    public async Task A_program_silent_for_six_days_is_on_its_clinics_worklist_and_care_status_leaves_out_other_clinics_patients()
    {
        var quiet = new ProgramAssigned
        {
            ProgramId = Guid.NewGuid(), PatientId = Guid.NewGuid(), ClinicId = DemoUsers.NorthClinic, TemplateId = Guid.NewGuid(), TemplateVersion = 1,
            ProgramVersion = 1, Prescription = Prescription(2, "squat-partial-range"), OccurredAt = DateTimeOffset.UtcNow.AddDays(-6),
        };
        await _app.Events.PublishAsync(quiet);
        var south = await AssignAsync(DemoUsers.SouthClinic);
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Prescriptions.AnyAsync(p => p.ProgramId == quiet.ProgramId)), found => found, TimeSpan.FromSeconds(20), "the prescription");
        using var north = _app.Client("therapist-north");

        var worklist = await north.GetFromJsonAsync<JsonElement>($"api/sessions/clinics/{DemoUsers.NorthClinic}/worklist");
        var foreign = await north.GetAsync($"api/sessions/clinics/{DemoUsers.SouthClinic}/worklist");
        var care = await north.PostAsJsonAsync("api/sessions/patients/care", new { patientIds = new[] { quiet.PatientId, south.PatientId } });
        var empty = await north.PostAsJsonAsync("api/sessions/patients/care", new { patientIds = Array.Empty<Guid>() });

        var entry = worklist.EnumerateArray().Single(i => i.GetProperty("patientId").GetGuid() == quiet.PatientId);
        Assert.Equal("no-recent-session", entry.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var statuses = await care.Content.ReadFromJsonAsync<JsonElement>();
        var status = Assert.Single(statuses.EnumerateArray());
        Assert.Equal((quiet.PatientId, "active"), (status.GetProperty("patientId").GetGuid(), status.GetProperty("program").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task ProgramAdjusted_version_3_delivered_before_version_2_leaves_version_3()
    {
        var program = await AssignAsync();
        ProgramAdjusted Adjusted(int version, int phase) => new()
        {
            ProgramId = program.ProgramId, PatientId = program.PatientId, ClinicId = program.ClinicId, ProgramVersion = version,
            Decision = ProgressionDecision.Progress, ReasonCode = "test", Prescription = Prescription(phase, "reverse-lunge"), OccurredAt = DateTimeOffset.UtcNow,
        };

        await _app.Events.PublishAsync(Adjusted(3, 4));
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Prescriptions.Where(p => p.ProgramId == program.ProgramId).Select(p => p.ProgramVersion).SingleAsync()), v => v == 3, TimeSpan.FromSeconds(20), "version 3");
        await _app.Events.PublishAsync(Adjusted(2, 3));
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Set<RehabPlatform.Messaging.Inbox.InboxMessage>().CountAsync()), n => n >= 3, TimeSpan.FromSeconds(20), "version 2 handled");

        using var therapist = _app.Client("therapist-north");
        var prescription = await therapist.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{program.PatientId}/prescription");
        Assert.Equal(3, prescription.GetProperty("programVersion").GetInt32());
        Assert.Equal(4, prescription.GetProperty("phase").GetInt32());
    }

    [Fact]
    public async Task A_session_performed_before_a_progression_and_logged_after_it_may_follow_the_earlier_prescription()
    {
        var program = await AssignAsync();
        var progressedAt = DateTimeOffset.UtcNow.AddHours(-2);
        await _app.Events.PublishAsync(new ProgramAdjusted
        {
            ProgramId = program.ProgramId, PatientId = program.PatientId, ClinicId = program.ClinicId, ProgramVersion = 2,
            Decision = ProgressionDecision.Progress, ReasonCode = "in-limit", Prescription = Prescription(3, "reverse-lunge"), OccurredAt = progressedAt,
        });
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Prescriptions.Where(p => p.ProgramId == program.ProgramId).Select(p => p.ProgramVersion).SingleAsync()), v => v == 2, TimeSpan.FromSeconds(20), "version 2");
        using var therapist = _app.Client("therapist-north");
        object Done(DateTimeOffset performedAt, string code) => new
        {
            setting = "home", performedAt, painBefore = 1, painDuring = 2, painAfter = 1,
            exercises = new[] { new { exerciseCode = code, setsDone = 3, repsDone = 12 } },
        };

        var before = await therapist.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/sessions", Done(progressedAt.AddHours(-3), "squat-partial-range"));
        var after = await therapist.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/sessions", Done(progressedAt.AddHours(1), "squat-partial-range"));
        var current = await therapist.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/sessions", Done(progressedAt.AddHours(1), "reverse-lunge"));
        var backfilled = await therapist.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/sessions", Done(progressedAt.AddHours(-3), "reverse-lunge"));

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(1, (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("programVersion").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
        Assert.Contains("program version 2)", await after.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, current.StatusCode);
        Assert.Equal(2, (await current.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("programVersion").GetInt32());
        Assert.Equal(HttpStatusCode.Created, backfilled.StatusCode);
        Assert.Equal(2, (await backfilled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("programVersion").GetInt32());
        var published = await _app.Events.WaitForAsync<SessionCompleted>(e => e.PatientId == program.PatientId, count: 3);
        Assert.Equal([(1, 2), (2, 3), (2, 3)], published.Select(e => (e.ProgramVersion, e.Phase ?? 0)).Order());
    }

    [Fact]
    public async Task A_follow_up_10_or_more_above_baseline_records_an_outcome_with_the_mcid_reached()
    {
        var program = await AssignAsync();
        await BaselineAsync(program);
        using var therapist = _app.Client("therapist-north");
        var best = Akps.Items.ToDictionary(i => i.Code, i => i.Options[0].Code);

        var response = await therapist.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/outcomes", new { akps = best, nprsNow = 1 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var outcome = Assert.Single(await _app.Events.WaitForAsync<OutcomeRecorded>(e => e.PatientId == program.PatientId));
        Assert.Equal((70, 100, 30, true), (outcome.AkpsBaseline, outcome.AkpsFollowUp, outcome.AkpsChange, outcome.AkpsMcidReached));
        Assert.True(outcome.NprsMcidReached);
        Assert.Equal(6, outcome.WeeksSinceIntake);
        var timeline = await therapist.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{program.PatientId}/timeline");
        Assert.Equal(1, timeline.GetProperty("outcomes").GetArrayLength());
    }

    [Fact]
    public async Task The_outcome_report_counts_programs_per_template_version_suppresses_small_cells_and_is_refused_to_therapists()
    {
        var template = Guid.NewGuid();
        using var therapist = _app.Client("therapist-north");
        var best = Akps.Items.ToDictionary(i => i.Code, i => i.Options[0].Code);
        for (var i = 0; i < 6; i++)
        {
            var program = await AssignAsync(template: template);
            await BaselineAsync(program);
            if (i % 2 == 0)
                (await therapist.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/outcomes", new { akps = best, nprsNow = 1 })).EnsureSuccessStatusCode();
        }
        var lonely = await AssignAsync();
        await BaselineAsync(lonely);
        await _app.Events.PublishAsync(new PatientReferredOut
        {
            IntakeId = Guid.NewGuid(), PatientId = Guid.NewGuid(), ClinicId = DemoUsers.NorthClinic, RedFlags = ["night-pain"], OccurredAt = DateTimeOffset.UtcNow,
        });
        // Five more referrals, each acted on 10 hours after it was made (the acting may reach Sessions first).
        for (var i = 0; i < 5; i++)
        {
            var referredAt = DateTimeOffset.UtcNow.AddHours(-10);
            var (intakeId, patientId) = (Guid.NewGuid(), Guid.NewGuid());
            await _app.Events.PublishAsync(new ReferralActedOn
            {
                IntakeId = intakeId, PatientId = patientId, ClinicId = DemoUsers.NorthClinic, ReferredAt = referredAt, OccurredAt = referredAt.AddHours(10),
            });
            await _app.Events.PublishAsync(new PatientReferredOut
            {
                IntakeId = intakeId, PatientId = patientId, ClinicId = DemoUsers.NorthClinic, RedFlags = ["locked-knee"], OccurredAt = referredAt,
            });
        }
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Referrals.CountAsync(r => r.ActedAt != null)), count => count == 5, TimeSpan.FromSeconds(20), "the referrals");

        var report = await _app.Client("chain-admin").GetFromJsonAsync<JsonElement>("api/sessions/analytics/outcomes?by=template");

        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        var counted = groups.Single(g => g.GetProperty("templateId").GetGuid() == template).GetProperty("outcome");
        Assert.Equal(6, counted.GetProperty("started").GetInt32());
        Assert.Equal(0.5, counted.GetProperty("followUpCompleteness").GetDouble());
        Assert.Equal(1, counted.GetProperty("mcidAmongFollowedUp").GetDouble());
        Assert.Equal(30, counted.GetProperty("medianAkpsChange").GetDouble());
        Assert.Contains("20 follow-ups", counted.GetProperty("comparisonWithheld").GetString());
        var small = groups.Single(g => g.GetProperty("templateId").GetGuid() == lonely.TemplateId).GetProperty("outcome");
        Assert.True(small.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, small.GetProperty("started").ValueKind);
        // Nothing in the report names or points at a patient.
        Assert.DoesNotContain(lonely.PatientId.ToString(), report.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var perClinic = await _app.Client("manager-north").GetFromJsonAsync<JsonElement>("api/sessions/analytics/outcomes?by=clinic");
        var north = Assert.Single(perClinic.GetProperty("groups").EnumerateArray());
        Assert.Equal(7, north.GetProperty("outcome").GetProperty("started").GetInt32());
        Assert.Equal(6, north.GetProperty("referrals").GetInt32());
        Assert.Equal(1, north.GetProperty("referralsNotActedOn").GetInt32());
        Assert.InRange(north.GetProperty("medianHoursToActOnReferral").GetDouble(), 9.9, 10.1);

        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.GetAsync("api/sessions/analytics/outcomes")).StatusCode);
        var bad = await _app.Client("ops").GetAsync("api/sessions/analytics/outcomes?by=patient&from=2026-05-01&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("by", out _) && errors.TryGetProperty("to", out _));
    }

    private async Task BaselineAsync(ProgramAssigned program, int akps = 70, int nprs = 5)
    {
        await _app.Events.PublishAsync(new IntakeCompleted
        {
            IntakeId = Guid.NewGuid(), PatientId = program.PatientId, ClinicId = program.ClinicId, AkpsScore = akps, AkpsVersion = Akps.Version, NprsNow = nprs,
            NprsWorstLastWeek = 7, NprsWhileRunning = 6, AffectedSide = Side.Right, SymptomDurationWeeks = 12,
            Running = new RunningProfile { IsRunner = true, WeeklyDistanceKm = 20, YearsRunning = 3, RecentLoadChange = false }, OccurredAt = DateTimeOffset.UtcNow.AddDays(-42),
        });
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Baselines.AnyAsync(b => b.PatientId == program.PatientId)), found => found, TimeSpan.FromSeconds(20), "the baseline");
    }

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, Guid patientId, Guid requestId, object answer, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/sessions/patients/{patientId}/follow-up-requests/{requestId}/answer") { Content = JsonContent.Create(answer) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_questionnaire_sent_to_the_app_is_answered_once_by_the_patient_and_compared_with_the_baseline()
    {
        var program = await AssignAsync();
        await BaselineAsync(program);
        using var therapist = _app.Client("therapist-north");
        using var patient = _app.PatientClient(program.PatientId);
        var best = Akps.Items.ToDictionary(i => i.Code, i => i.Options[0].Code);

        var scheduled = await therapist.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/follow-up-requests", new { });
        var second = await therapist.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/follow-up-requests", new { });
        var requestId = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var seen = await patient.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{program.PatientId}/follow-up-requests");
        var byStaff = await AnswerAsync(therapist, program.PatientId, requestId, new { akps = best, nprsNow = 1 }, Guid.NewGuid().ToString());
        var key = Guid.NewGuid().ToString();
        var answered = await AnswerAsync(patient, program.PatientId, requestId, new { akps = best, nprsNow = 1 }, key);
        var resent = await AnswerAsync(patient, program.PatientId, requestId, new { akps = best, nprsNow = 1 }, key);
        var again = await AnswerAsync(patient, program.PatientId, requestId, new { akps = best, nprsNow = 1 }, Guid.NewGuid().ToString());

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict), (scheduled.StatusCode, second.StatusCode));
        Assert.True(Assert.Single(seen.EnumerateArray()).GetProperty("due").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict), (answered.StatusCode, resent.StatusCode, again.StatusCode));
        var outcomeId = (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(outcomeId, (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        var recorded = Assert.Single(await _app.Events.WaitForAsync<OutcomeRecorded>(e => e.PatientId == program.PatientId));
        Assert.Equal((70, 100, true, true), (recorded.AkpsBaseline, recorded.AkpsFollowUp, recorded.AkpsMcidReached, recorded.SelfReported));
        Assert.Equal(1, await _app.QueryAsync(db => db.Outcomes.CountAsync(o => o.PatientId == program.PatientId)));
        var stored = await _app.QueryAsync(db => db.FollowUpRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal((FollowUpRequestStatus.Answered, outcomeId), (stored.Status, stored.OutcomeId));
    }

    [Fact]
    public async Task A_questionnaire_scheduled_ahead_cannot_be_answered_before_its_day_nor_after_staff_cancel_it()
    {
        var program = await AssignAsync();
        await BaselineAsync(program);
        using var therapist = _app.Client("therapist-north");
        using var patient = _app.PatientClient(program.PatientId);
        var best = Akps.Items.ToDictionary(i => i.Code, i => i.Options[0].Code);
        var path = $"api/sessions/patients/{program.PatientId}/follow-up-requests";

        var tooFar = await therapist.PostAsJsonAsync(path, new { dueFrom = DateTimeOffset.UtcNow.AddYears(1) });
        var scheduled = await therapist.PostAsJsonAsync(path, new { dueFrom = DateTimeOffset.UtcNow.AddDays(7) });
        var requestId = (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var early = await AnswerAsync(patient, program.PatientId, requestId, new { akps = best, nprsNow = 1 }, Guid.NewGuid().ToString());
        var patientCancels = await patient.PostAsJsonAsync($"{path}/{requestId}/cancel", new { });
        var cancelled = await therapist.PostAsJsonAsync($"{path}/{requestId}/cancel", new { });
        var late = await AnswerAsync(patient, program.PatientId, requestId, new { akps = best, nprsNow = 1 }, Guid.NewGuid().ToString());
        var next = await therapist.PostAsJsonAsync(path, new { });

        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.True((await tooFar.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("dueFrom", out _));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict), (scheduled.StatusCode, early.StatusCode));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Conflict), (patientCancels.StatusCode, cancelled.StatusCode, late.StatusCode));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal(0, await _app.QueryAsync(db => db.Outcomes.CountAsync(o => o.PatientId == program.PatientId)));
    }

    [Fact]
    public async Task A_run_without_its_next_morning_report_is_on_the_worklist_until_the_patient_checks_in()
    {
        var program = await AssignAsync();
        using var therapist = _app.Client("therapist-north");
        using var patient = _app.PatientClient(program.PatientId);
        var pain = $"api/sessions/patients/{program.PatientId}/pain-reports";
        async Task<bool> MissingAsync() => (await therapist.GetFromJsonAsync<JsonElement>($"api/sessions/clinics/{DemoUsers.NorthClinic}/worklist"))
            .EnumerateArray().Any(i => i.GetProperty("patientId").GetGuid() == program.PatientId && i.GetProperty("reason").GetString() == "morning-check-in-missing");

        Assert.Equal(HttpStatusCode.Created, (await patient.PostAsJsonAsync(pain,
            new { context = "while-running", pain = 1, runMinutes = 12, runDistanceKm = 2.1m, reportedAt = DateTimeOffset.UtcNow.AddHours(-40) })).StatusCode);
        var missing = await MissingAsync();
        Assert.Equal(HttpStatusCode.Created, (await patient.PostAsJsonAsync(pain,
            new { context = "next-morning", pain = 1, worseThanBaseline = false, reportedAt = DateTimeOffset.UtcNow })).StatusCode);
        var afterCheckIn = await MissingAsync();
        var timeline = await patient.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{program.PatientId}/timeline");

        Assert.True(missing);
        Assert.False(afterCheckIn);
        var run = Assert.Single(timeline.GetProperty("runs").EnumerateArray());
        Assert.Equal((12, 2.1m), (run.GetProperty("runMinutes").GetInt32(), run.GetProperty("runDistanceKm").GetDecimal()));
    }

    [Fact]
    public async Task A_reassessment_keeps_the_episode_baseline_and_a_follow_up_worse_by_the_mcid_is_flagged()
    {
        var program = await AssignAsync();
        var episode = Guid.NewGuid();
        IntakeCompleted Intake(int akps, int nprs, int daysAgo, bool reassessment) => new()
        {
            IntakeId = Guid.NewGuid(), PatientId = program.PatientId, ClinicId = program.ClinicId, AkpsScore = akps, AkpsVersion = Akps.Version, NprsNow = nprs,
            NprsWorstLastWeek = 7, NprsWhileRunning = 6, AffectedSide = Side.Right, SymptomDurationWeeks = 12,
            Running = new RunningProfile { IsRunner = true, WeeklyDistanceKm = 20, YearsRunning = 3, RecentLoadChange = false },
            OccurredAt = DateTimeOffset.UtcNow.AddDays(-daysAgo), EpisodeId = episode, IsReassessment = reassessment,
        };
        await _app.Events.PublishAsync(Intake(akps: 85, nprs: 2, daysAgo: 42, reassessment: false));
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Baselines.AnyAsync(b => b.PatientId == program.PatientId)), found => found, TimeSpan.FromSeconds(20), "the baseline");
        await _app.Events.PublishAsync(Intake(akps: 60, nprs: 6, daysAgo: 7, reassessment: true));
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var therapist = _app.Client("therapist-north");
        var worse = Akps.Items.ToDictionary(i => i.Code, i => i.Options[Math.Min(2, i.Options.Count - 1)].Code);

        var response = await therapist.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/outcomes", new { akps = worse, nprsNow = 5 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var outcome = Assert.Single(await _app.Events.WaitForAsync<OutcomeRecorded>(e => e.PatientId == program.PatientId));
        Assert.Equal((85, 2), (outcome.AkpsBaseline, outcome.NprsBaseline));
        Assert.True(outcome.Deteriorated);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deteriorated").GetBoolean());
    }

    [Fact]
    public async Task Another_clinics_patient_is_a_404_and_audited_and_bad_input_stores_nothing()
    {
        var program = await AssignAsync(DemoUsers.SouthClinic);
        using var north = _app.Client("therapist-north");
        using var south = _app.Client("therapist-south");

        var foreign = await north.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/sessions", Session());
        var foreignTimeline = await north.GetAsync($"api/sessions/patients/{program.PatientId}/timeline");
        var notPrescribed = await south.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/sessions", Session(code: "pogo-hops"));
        var pain11 = await south.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/sessions", Session(painDuring: 11));
        var extra = await south.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/sessions", Session(code: "pogo-hops", extra: true));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignTimeline.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notPrescribed.StatusCode);
        Assert.True((await notPrescribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("exercises[0].exerciseCode", out _));
        Assert.Equal(HttpStatusCode.BadRequest, pain11.StatusCode);
        Assert.True((await pain11.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("painDuring", out _));
        Assert.Equal(HttpStatusCode.Created, extra.StatusCode);
        Assert.Equal(1, await _app.QueryAsync(db => db.Sessions.CountAsync(s => s.PatientId == program.PatientId)));
        var denied = await _app.QueryAsync(db => db.Set<AuditEntry>().CountAsync(e => e.PatientId == program.PatientId && e.UserId == "u-therapist-north" && e.Outcome == AuditOutcome.Denied));
        Assert.Equal(2, denied);
    }

    [Fact]
    public async Task A_transfer_moves_the_patients_records_to_the_new_clinic()
    {
        var program = await AssignAsync();
        using var north = _app.Client("therapist-north");
        using var south = _app.Client("therapist-south");
        Assert.Equal(HttpStatusCode.Created, (await north.PostAsJsonAsync($"api/sessions/patients/{program.PatientId}/sessions", Session())).StatusCode);

        await _app.Events.PublishAsync(new PatientTransferred { PatientId = program.PatientId, ClinicId = DemoUsers.SouthClinic, FromClinicId = DemoUsers.NorthClinic, OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Sessions.Where(s => s.PatientId == program.PatientId).Select(s => s.ClinicId).SingleAsync()),
            clinic => clinic == DemoUsers.SouthClinic, TimeSpan.FromSeconds(20), "the moved session");

        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"api/sessions/patients/{program.PatientId}/timeline")).StatusCode);
        var timeline = await south.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{program.PatientId}/timeline");
        Assert.Equal(1, timeline.GetProperty("sessions").GetArrayLength());
        Assert.Equal(1, timeline.GetProperty("adherence").EnumerateArray().Last().GetProperty("completed").GetInt32());
    }
}

public sealed class SqliteSessionsApiTests() : SessionsApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresSessionsApiTests() : SessionsApiTests(DatabaseProvider.Postgres);
