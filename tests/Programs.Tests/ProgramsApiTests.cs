using Microsoft.EntityFrameworkCore;
using RehabPlatform.Contracts.Form;
using RehabPlatform.Contracts.Intake;
using RehabPlatform.Contracts.Programs;
using RehabPlatform.Contracts.Sessions;
using RehabPlatform.Programs.Data;
using RehabPlatform.Programs.Model;
using ProgressionDecision = RehabPlatform.Contracts.Programs.ProgressionDecision;

namespace RehabPlatform.Programs.Tests;

/// <summary>The Programs service against a real broker and a real database, once per provider.</summary>
public abstract class ProgramsApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private ServiceUnderTest<ProgramsMarker, ProgramsDbContext> _app = null!;

    public async Task InitializeAsync() => _app = await ServiceUnderTest<ProgramsMarker, ProgramsDbContext>.StartAsync("programs", provider,
        [typeof(ProgramAssigned), typeof(ProgramAdjusted), typeof(ProgramTemplatePublished)]);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static IntakeCompleted Intake(Guid patientId, int akps = 75, int worstPain = 4, Guid? clinic = null) => new()
    {
        IntakeId = Guid.NewGuid(), PatientId = patientId, ClinicId = clinic ?? DemoUsers.NorthClinic, AkpsScore = akps, AkpsVersion = "akps-kujala-13-v1",
        NprsNow = 2, NprsWorstLastWeek = worstPain, NprsWhileRunning = 3, AffectedSide = Side.Left, SymptomDurationWeeks = 8,
        Running = new RunningProfile { IsRunner = true, WeeklyDistanceKm = 25, YearsRunning = 4, RecentLoadChange = true },
        OccurredAt = DateTimeOffset.UtcNow,
    };

    private static SessionCompleted Session(ProgramAssigned program, int painDuring) => new()
    {
        SessionId = Guid.NewGuid(), PatientId = program.PatientId, ClinicId = program.ClinicId, ProgramId = program.ProgramId, ProgramVersion = 1,
        Setting = SessionSetting.Home, PerformedAt = DateTimeOffset.UtcNow, PainBefore = 1, PainDuring = painDuring, PainAfter = 2, MinutesToSettle = 20,
        Exercises = [], OccurredAt = DateTimeOffset.UtcNow,
    };

    /// <summary>The patient's report the morning after <paramref name="session"/>.</summary>
    private static PainReported Morning(SessionCompleted session, bool? worse = false, int? flareHours = null) => new()
    {
        ReportId = Guid.NewGuid(), PatientId = session.PatientId, ClinicId = session.ClinicId, SessionId = session.SessionId, Context = PainContext.NextMorning,
        Pain = worse == true ? 4 : 1, WorseThanBaseline = worse, FlareHours = flareHours, ReportedAt = DateTimeOffset.UtcNow, OccurredAt = DateTimeOffset.UtcNow,
    };

    /// <summary>A session and its calm next morning, one after the other as the patient would send them.</summary>
    private async Task ConfirmedSessionAsync(ProgramAssigned program, int painDuring)
    {
        var session = Session(program, painDuring);
        await _app.Events.PublishAsync(session);
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Sessions.AnyAsync(s => s.SessionId == session.SessionId)), known => known, TimeSpan.FromSeconds(20), "the session");
        await _app.Events.PublishAsync(Morning(session));
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Sessions.AnyAsync(s => s.SessionId == session.SessionId && s.Verdict != SessionVerdict.AwaitingMorningReport)),
            judged => judged, TimeSpan.FromSeconds(20), "the session's verdict");
    }

    /// <summary>
    /// Puts a program where a phase change is due on the next confirmed session: top dose, two weeks in the phase,
    /// a week of daily pain below 2/10 and three flare-free sessions, as if the weeks had passed.
    /// </summary>
    private async Task ReadyForPhaseExitAsync(ProgramAssigned program)
    {
        await _app.QueryAsync(async db =>
        {
            var stored = await db.Programs.SingleAsync(p => p.Id == program.ProgramId);
            stored.DoseStep = stored.Settings.MaxDoseSteps;
            stored.PhaseStartedAt = DateTimeOffset.UtcNow.AddDays(-15);
            stored.ConsecutiveInLimitSessions = 1;
            for (var day = 1; day <= 7; day++)
                db.PainObservations.Add(new PainObservation
                {
                    Id = Guid.NewGuid(), PatientId = program.PatientId, ClinicId = program.ClinicId, Kind = PainKind.DailyActivity, Pain = 1, At = DateTimeOffset.UtcNow.AddDays(-day),
                });
            for (var i = 1; i <= 3; i++)
                db.Sessions.Add(new ProgramSession
                {
                    SessionId = Guid.NewGuid(), ProgramId = program.ProgramId, PatientId = program.PatientId, ClinicId = program.ClinicId,
                    PerformedAt = DateTimeOffset.UtcNow.AddDays(-2 * i), Verdict = SessionVerdict.InLimits,
                });
            return await db.SaveChangesAsync();
        });
    }

    private async Task<ProgramAssigned> AssignedAsync(Guid patientId, int akps = 75, int worstPain = 4)
    {
        await _app.Events.PublishAsync(Intake(patientId, akps, worstPain));
        return Assert.Single(await _app.Events.WaitForAsync<ProgramAssigned>(e => e.PatientId == patientId));
    }

    [Fact]
    public async Task IntakeCompleted_delivered_twice_gives_exactly_one_ProgramAssigned_at_the_expected_phase()
    {
        var patientId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var intake = Intake(patientId, akps: 75, worstPain: 4);

        await _app.Events.PublishAsync(intake, messageId);
        await _app.Events.PublishAsync(intake, messageId);

        var assigned = Assert.Single(await _app.Events.WaitForAsync<ProgramAssigned>(e => e.PatientId == patientId));
        Assert.Equal(2, assigned.Prescription.Phase);
        Assert.Equal(ExerciseLibrary.DefaultTemplateId, assigned.TemplateId);
        Assert.Contains(assigned.Prescription.Exercises, e => e.ExerciseCode == "squat-partial-range");
        await Task.Delay(1000);
        Assert.Single(_app.Events.Received<ProgramAssigned>(), e => e.PatientId == patientId);
        Assert.Equal(1, await _app.QueryAsync(db => db.Programs.CountAsync(p => p.PatientId == patientId)));
    }

    [Fact]
    public async Task Sessions_count_only_with_a_calm_next_morning_progress_the_dose_and_pain_above_the_limit_eases_it()
    {
        var program = await AssignedAsync(Guid.NewGuid());

        await _app.Events.PublishAsync(Session(program, painDuring: 3));
        await _app.Events.PublishAsync(Session(program, painDuring: 4));
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Sessions.CountAsync(s => s.ProgramId == program.ProgramId)), n => n == 2, TimeSpan.FromSeconds(20), "both sessions");
        var flared = Session(program, painDuring: 3);
        await _app.Events.PublishAsync(flared);
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Sessions.AnyAsync(s => s.SessionId == flared.SessionId)), known => known, TimeSpan.FromSeconds(20), "the session");
        await _app.Events.PublishAsync(Morning(flared, worse: true));
        // On PostgreSQL one patient's messages are handled concurrently: the patient's next session follows the flare's verdict.
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Sessions.AnyAsync(s => s.SessionId == flared.SessionId && s.Flare)), flare => flare,
            TimeSpan.FromSeconds(20), "the flare's verdict");
        await ConfirmedSessionAsync(program, painDuring: 3);
        await ConfirmedSessionAsync(program, painDuring: 5);
        var adjustments = await _app.Events.WaitForAsync<ProgramAdjusted>(e => e.ProgramId == program.ProgramId, count: 2);
        await _app.Events.PublishAsync(Session(program, painDuring: 7));
        var all = await _app.Events.WaitForAsync<ProgramAdjusted>(e => e.ProgramId == program.ProgramId, count: 3);

        // Two sessions without a next morning changed nothing; the flare held; two confirmed sessions raised the dose, not the phase.
        var hold = adjustments.Single(a => a.ProgramVersion == 2);
        Assert.Equal((ProgressionDecision.Hold, ProgressionRules.OneNightFlare.Code), (hold.Decision, hold.ReasonCode));
        var dose = adjustments.Single(a => a.ProgramVersion == 3);
        Assert.Equal((ProgressionDecision.DoseProgressed, 2), (dose.Decision, dose.Prescription.Phase));
        Assert.Equal(14, dose.Prescription.Exercises.Single(e => e.ExerciseCode == "squat-partial-range").Reps);
        var eased = all.Single(a => a.ProgramVersion == 4);
        Assert.Equal((ProgressionDecision.DoseRegressed, ProgressionRules.ExercisePainAboveLimit.Code), (eased.Decision, eased.ReasonCode));
        Assert.Equal(12, eased.Prescription.Exercises.Single(e => e.ExerciseCode == "squat-partial-range").Reps);
        var decisions = await _app.QueryAsync(db => db.Decisions.Where(d => d.ProgramId == program.ProgramId).ToListAsync());
        Assert.All(decisions, d => Assert.False(string.IsNullOrEmpty(d.RuleSource) || string.IsNullOrEmpty(d.Explanation) || d.Inputs.Count == 0));
        Assert.Equal("7", decisions.Single(d => d.Decision == Model.ProgressionDecision.DoseRegressed).Inputs["painDuring"]);
    }

    [Fact]
    public async Task A_next_morning_report_that_arrives_before_its_session_counts_when_the_session_comes()
    {
        var program = await AssignedAsync(Guid.NewGuid());

        foreach (var pain in new[] { 3, 4 })
        {
            var session = Session(program, pain);
            await _app.Events.PublishAsync(Morning(session));
            await Eventually.MatchAsync(() => _app.QueryAsync(db => db.PainObservations.AnyAsync(p => p.SessionId == session.SessionId)), kept => kept,
                TimeSpan.FromSeconds(20), "the early report");
            await _app.Events.PublishAsync(session);
            await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Sessions.AnyAsync(s => s.SessionId == session.SessionId && s.Verdict == SessionVerdict.InLimits)),
                counted => counted, TimeSpan.FromSeconds(20), "the session counted");
        }

        var adjusted = Assert.Single(await _app.Events.WaitForAsync<ProgramAdjusted>(e => e.ProgramId == program.ProgramId));
        Assert.Equal(ProgressionDecision.DoseProgressed, adjusted.Decision);
        Assert.Equal(0, await _app.QueryAsync(db => db.PainObservations.CountAsync(p => p.PatientId == program.PatientId && p.Kind == PainKind.EarlyNextMorning)));
    }

    [Fact]
    public async Task Entering_return_to_run_waits_for_the_readiness_criteria_and_a_therapists_approval()
    {
        var program = await AssignedAsync(Guid.NewGuid(), akps: 92, worstPain: 2);
        Assert.Equal(3, program.Prescription.Phase);
        await ReadyForPhaseExitAsync(program);

        await ConfirmedSessionAsync(program, painDuring: 2);
        using var north = _app.Client("therapist-north");
        var decisions = await Eventually.MatchAsync(
            () => north.GetFromJsonAsync<JsonElement>($"api/programs/patients/{program.PatientId}/program/decisions"),
            d => d.EnumerateArray().Any(x => x.GetProperty("status").GetString() == "proposed"), TimeSpan.FromSeconds(30), "the return-to-run proposal");
        var proposal = decisions.EnumerateArray().Single(x => x.GetProperty("status").GetString() == "proposed");
        var proposalId = proposal.GetProperty("id").GetGuid();
        var approveUrl = $"api/programs/patients/{program.PatientId}/program/decisions/{proposalId}/approve";
        var withoutReadiness = await north.PostAsync(approveUrl, null);
        var partial = await north.PostAsJsonAsync($"api/programs/patients/{program.PatientId}/program/readiness",
            new { briskWalk30MinutesPainFree = true, dailyPainAtMost2 = true, singleLegTasksPainFree = false });
        var stillNot = await north.PostAsync(approveUrl, null);
        var ready = await north.PostAsJsonAsync($"api/programs/patients/{program.PatientId}/program/readiness",
            new { briskWalk30MinutesPainFree = true, dailyPainAtMost2 = true, singleLegTasksPainFree = true });
        var approved = await north.PostAsync(approveUrl, null);

        Assert.Equal((4, ProgressionRules.ReturnToRunReview.Code), (proposal.GetProperty("toPhase").GetInt32(), proposal.GetProperty("reasonCode").GetString()));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.Created, HttpStatusCode.OK),
            (withoutReadiness.StatusCode, partial.StatusCode, stillNot.StatusCode, ready.StatusCode, approved.StatusCode));
        var adjusted = Assert.Single(await _app.Events.WaitForAsync<ProgramAdjusted>(e => e.ProgramId == program.ProgramId));
        Assert.Equal((ProgressionDecision.Progress, 4), (adjusted.Decision, adjusted.Prescription.Phase));
        Assert.Equal(1, adjusted.Prescription.Exercises.Single(e => e.ExerciseCode == "walk-run-progression").RunStage);
    }

    /// <summary>A capture at too low a frame rate with a low-cadence finding: its drills wait for a therapist.</summary>
    private Task PublishLowReliabilityCaptureAsync(ProgramAssigned program) => _app.Events.PublishAsync(new FormAssessed
    {
        AssessmentId = Guid.NewGuid(), PatientId = program.PatientId, ClinicId = program.ClinicId, View = CaptureView.SideFacingLeft, LowReliability = true,
        Metrics = [], Flags = ["low-cadence"], CadenceStepsPerMinute = 160, OccurredAt = DateTimeOffset.UtcNow,
    });

    [Fact]
    public async Task A_waiting_proposal_puts_the_patient_on_the_clinic_worklist_and_another_clinic_cannot_read_it()
    {
        var program = await AssignedAsync(Guid.NewGuid());
        await PublishLowReliabilityCaptureAsync(program);
        using var north = _app.Client("therapist-north");
        using var south = _app.Client("therapist-south");

        var worklist = await Eventually.MatchAsync(
            () => north.GetFromJsonAsync<JsonElement>($"api/programs/clinics/{program.ClinicId}/worklist"),
            w => w.EnumerateArray().Any(i => i.GetProperty("patientId").GetGuid() == program.PatientId), TimeSpan.FromSeconds(30), "the worklist entry");
        var refused = await south.GetAsync($"api/programs/clinics/{program.ClinicId}/worklist");

        var entry = worklist.EnumerateArray().Single(i => i.GetProperty("patientId").GetGuid() == program.PatientId);
        Assert.Equal(RehabPlatform.Programs.UseCases.ProgramWorklist.ProposalWaiting, entry.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var audit = await _app.QueryAsync(db => db.Set<RehabPlatform.ServiceDefaults.Audit.AuditEntry>().Where(a => a.PatientId == program.PatientId && a.Purpose == "worklist").CountAsync());
        Assert.True(audit >= 1, "the worklist read of the patient is audited");
    }

    [Fact]
    public async Task A_low_reliability_capture_proposes_its_drills_and_changes_no_prescription()
    {
        var program = await AssignedAsync(Guid.NewGuid());

        await PublishLowReliabilityCaptureAsync(program);
        using var north = _app.Client("therapist-north");
        var decisions = await Eventually.MatchAsync(
            () => north.GetFromJsonAsync<JsonElement>($"api/programs/patients/{program.PatientId}/program/decisions"),
            d => d.GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the proposal");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var proposal = Assert.Single(decisions.EnumerateArray());
        Assert.Equal(("proposed", ProgressionRules.LowReliabilityCapture.Code), (proposal.GetProperty("status").GetString(), proposal.GetProperty("reasonCode").GetString()));
        Assert.Equal(FormDrills.CadenceDrill, proposal.GetProperty("proposedDrills")[0].GetProperty("exerciseCode").GetString());
        Assert.DoesNotContain(_app.Events.Received<ProgramAdjusted>(), e => e.ProgramId == program.ProgramId);
        var stored = await _app.QueryAsync(db => db.Programs.SingleAsync(p => p.Id == program.ProgramId));
        Assert.Equal((1, 0), (stored.ProgramVersion, stored.FormDrills.Count));
    }

    [Fact]
    public async Task A_low_cadence_assessment_before_return_to_run_schedules_a_cadence_drill_of_plus_5_to_10_percent()
    {
        var program = await AssignedAsync(Guid.NewGuid());

        await _app.Events.PublishAsync(new FormAssessed
        {
            AssessmentId = Guid.NewGuid(), PatientId = program.PatientId, ClinicId = program.ClinicId, View = CaptureView.SideFacingLeft, LowReliability = false,
            Metrics = [], Flags = ["low-cadence", "overstride"], CadenceStepsPerMinute = 160, OccurredAt = DateTimeOffset.UtcNow,
        });

        var adjusted = Assert.Single(await _app.Events.WaitForAsync<ProgramAdjusted>(e => e.ProgramId == program.ProgramId));
        Assert.Equal(ProgressionDecision.FormFindingRecorded, adjusted.Decision);
        Assert.DoesNotContain(adjusted.Prescription.Exercises, e => e.ExerciseCode == FormDrills.CadenceDrill);
        var stored = await _app.QueryAsync(db => db.Programs.SingleAsync(p => p.Id == program.ProgramId));
        var drill = Assert.Single(stored.FormDrills, e => e.ExerciseCode == FormDrills.CadenceDrill);
        Assert.InRange(drill.TargetCadence!.Value, 168, 176);
        Assert.Contains(stored.FormDrills, e => e.ExerciseCode == FormDrills.ShortStrideDrill);
        var finding = await _app.QueryAsync(db => db.Decisions.SingleAsync(d => d.ProgramId == program.ProgramId));
        Assert.Contains("steps a minute", finding.Inputs["cues"]);
    }

    [Fact]
    public async Task A_withdrawn_treatment_consent_stops_every_change_to_the_program_until_consent_is_given_again()
    {
        var program = await AssignedAsync(Guid.NewGuid());
        ConsentChanged Consent(bool granted, int minutesAgo) => new()
        {
            PatientId = program.PatientId, ClinicId = program.ClinicId, Scope = ConsentScope.Treatment, Granted = granted, ConsentVersion = "2026-01",
            OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo),
        };
        await _app.Events.PublishAsync(Consent(granted: false, minutesAgo: 1));
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Patients.Where(p => p.PatientId == program.PatientId).Select(p => p.TreatmentConsentWithdrawn).SingleAsync()),
            withdrawn => withdrawn, TimeSpan.FromSeconds(20), "the withdrawal");
        // An older grant delivered late does not undo the newer withdrawal.
        await _app.Events.PublishAsync(Consent(granted: true, minutesAgo: 10));

        foreach (var withdrawnSession in new[] { Session(program, painDuring: 3), Session(program, painDuring: 4) })
        {
            await _app.Events.PublishAsync(withdrawnSession);
            await _app.Events.PublishAsync(Morning(withdrawnSession));
        }
        using var therapist = _app.Client("therapist-north");
        var manual = await therapist.PostAsJsonAsync($"api/programs/patients/{program.PatientId}/program/override", new { phase = 3, reasonCode = "clinical-judgement" });
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.Conflict, manual.StatusCode);
        Assert.DoesNotContain(_app.Events.Received<ProgramAdjusted>(), e => e.ProgramId == program.ProgramId);
        Assert.Equal(0, await _app.QueryAsync(db => db.Decisions.CountAsync(d => d.ProgramId == program.ProgramId)));

        await _app.Events.PublishAsync(Consent(granted: true, minutesAgo: 0));
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Patients.Where(p => p.PatientId == program.PatientId).Select(p => p.TreatmentConsentWithdrawn).SingleAsync()),
            withdrawn => !withdrawn, TimeSpan.FromSeconds(20), "the new grant");
        await ConfirmedSessionAsync(program, painDuring: 3);
        await ConfirmedSessionAsync(program, painDuring: 4);
        Assert.Single(await _app.Events.WaitForAsync<ProgramAdjusted>(e => e.ProgramId == program.ProgramId));
    }

    [Fact]
    public async Task A_referral_closes_the_program_and_a_referred_patient_gets_none()
    {
        var program = await AssignedAsync(Guid.NewGuid());
        var referredFirst = Guid.NewGuid();

        await _app.Events.PublishAsync(new PatientReferredOut { IntakeId = Guid.NewGuid(), PatientId = program.PatientId, ClinicId = program.ClinicId, RedFlags = ["possible-clot"], OccurredAt = DateTimeOffset.UtcNow });
        await _app.Events.PublishAsync(new PatientReferredOut { IntakeId = Guid.NewGuid(), PatientId = referredFirst, ClinicId = DemoUsers.NorthClinic, RedFlags = ["locked-knee"], OccurredAt = DateTimeOffset.UtcNow });

        var closed = Assert.Single(await _app.Events.WaitForAsync<ProgramAdjusted>(e => e.ProgramId == program.ProgramId));
        Assert.Equal(ProgressionDecision.Closed, closed.Decision);
        Assert.Empty(closed.Prescription.Exercises);
        using var therapist = _app.Client("therapist-north");
        await Eventually.MatchAsync(() => _app.QueryAsync(db => db.Patients.AnyAsync(p => p.PatientId == referredFirst)), known => known, TimeSpan.FromSeconds(20), "the referral");
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.GetAsync($"api/programs/patients/{referredFirst}/program")).StatusCode);
        var manual = await therapist.PutAsJsonAsync($"api/programs/patients/{referredFirst}/program", new { templateId = ExerciseLibrary.DefaultTemplateId, phase = 1 });
        Assert.Equal(HttpStatusCode.Conflict, manual.StatusCode);
    }

    private static object NewTemplate(string visibility, string name, Guid clinic, bool requireApproval = false) => new
    {
        authorClinicId = clinic,
        name,
        description = "Test template",
        visibility,
        tags = new[] { "runners-knee", "hip-focus" },
        sessionsPerWeek = 3,
        phases = Enumerable.Range(1, 4).Select(p => new { phase = p, exercises = new[] { new { exerciseCode = p < 3 ? "clamshell-band" : "a-skip-drill", sets = 3, reps = 12 } } }),
        settings = new { exercisePainMax = 5, requireApproval },
    };

    private static async Task<(Guid Id, int Version)> PublishedTemplateAsync(HttpClient client, string visibility, string name, Guid clinic, bool requireApproval = false)
    {
        var created = await client.PostAsJsonAsync("api/programs/templates", NewTemplate(visibility, name, clinic, requireApproval));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("templateId").GetGuid();
        var published = await client.PostAsync($"api/programs/templates/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return (id, 1);
    }

    [Fact]
    public async Task A_chain_template_from_clinic_A_is_found_and_assigned_at_clinic_B_and_a_private_one_is_hidden()
    {
        using var north = _app.Client("therapist-north");
        using var south = _app.Client("therapist-south");
        var (chainId, _) = await PublishedTemplateAsync(north, "chain", "North hip focus", DemoUsers.NorthClinic);
        var (privateId, _) = await PublishedTemplateAsync(north, "private", "North private", DemoUsers.NorthClinic);
        var southPatient = Guid.NewGuid();
        await AssignedAsync(southPatient);
        await _app.QueryAsync(db => db.Patients.Where(p => p.PatientId == southPatient).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClinicId, DemoUsers.SouthClinic)));

        var found = await south.GetFromJsonAsync<JsonElement>("api/programs/templates?tag=hip-focus&phase=3");
        var assign = await south.PutAsJsonAsync($"api/programs/patients/{southPatient}/program", new { templateId = chainId, phase = 2 });
        var hidden = await south.GetAsync($"api/programs/templates/{privateId}");
        var hiddenAssign = await south.PutAsJsonAsync($"api/programs/patients/{southPatient}/program", new { templateId = privateId, phase = 1 });

        Assert.Equal([chainId], found.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("templateId").GetGuid()));
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hiddenAssign.StatusCode);
        var assigned = await _app.Events.WaitForAsync<ProgramAssigned>(e => e.PatientId == southPatient && e.TemplateId == chainId);
        Assert.Equal(DemoUsers.SouthClinic, Assert.Single(assigned).ClinicId);
    }

    [Fact]
    public async Task A_published_version_never_changes_and_patients_on_it_stay_on_it()
    {
        using var north = _app.Client("therapist-north");
        var (templateId, _) = await PublishedTemplateAsync(north, "clinic", "Versioned", DemoUsers.NorthClinic);
        var patientId = Guid.NewGuid();
        await AssignedAsync(patientId);
        await north.PutAsJsonAsync($"api/programs/patients/{patientId}/program", new { templateId, phase = 1 });

        var edit = await north.PutAsJsonAsync($"api/programs/templates/{templateId}", NewTemplate("clinic", "Versioned, revised", DemoUsers.NorthClinic));
        var v1 = await north.GetFromJsonAsync<JsonElement>($"api/programs/templates/{templateId}/versions/1");
        var republish = await north.PostAsync($"api/programs/templates/{templateId}/publish", null);
        var program = await north.GetFromJsonAsync<JsonElement>($"api/programs/patients/{patientId}/program");

        Assert.Equal(HttpStatusCode.Created, edit.StatusCode);
        Assert.Equal(2, (await edit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal("Versioned", v1.GetProperty("name").GetString());
        Assert.Equal("published", v1.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, republish.StatusCode);
        Assert.Equal(1, program.GetProperty("templateVersion").GetInt32());
    }

    [Fact]
    public async Task A_templates_history_says_what_changed_in_each_version_and_the_clinic_sees_who_follows_which_version()
    {
        using var north = _app.Client("therapist-north");
        using var south = _app.Client("therapist-south");
        var (templateId, _) = await PublishedTemplateAsync(north, "clinic", "History", DemoUsers.NorthClinic);
        var patientId = Guid.NewGuid();
        await AssignedAsync(patientId);
        await north.PutAsJsonAsync($"api/programs/patients/{patientId}/program", new { templateId, phase = 1 });
        await north.PutAsJsonAsync($"api/programs/templates/{templateId}", NewTemplate("clinic", "History, revised", DemoUsers.NorthClinic));

        var history = await north.GetFromJsonAsync<JsonElement>($"api/programs/templates/{templateId}/versions");
        var mine = await north.GetFromJsonAsync<JsonElement>("api/programs/templates?author=me&pageSize=100");
        var inUse = await north.GetFromJsonAsync<JsonElement>($"api/programs/clinics/{DemoUsers.NorthClinic}/programs?templateId={templateId}");
        var foreignClinic = await south.GetAsync($"api/programs/clinics/{DemoUsers.NorthClinic}/programs");
        var unknownAuthor = await north.GetAsync("api/programs/templates?author=someone-else");

        Assert.Equal([2, 1], history.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var change = Assert.Single(history[0].GetProperty("changes").EnumerateArray());
        Assert.Equal(("Name", "History", "History, revised"),
            (change.GetProperty("what").GetString(), change.GetProperty("before").GetString(), change.GetProperty("after").GetString()));
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), t => t.GetProperty("templateId").GetGuid() == templateId && t.GetProperty("status").GetString() == "draft");
        var follower = Assert.Single(inUse.EnumerateArray());
        Assert.Equal((patientId, 1, "History"),
            (follower.GetProperty("patientId").GetGuid(), follower.GetProperty("templateVersion").GetInt32(), follower.GetProperty("templateName").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, foreignClinic.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownAuthor.StatusCode);
    }

    [Fact]
    public async Task A_template_requiring_approval_proposes_and_a_therapist_approves()
    {
        using var north = _app.Client("therapist-north");
        var (templateId, _) = await PublishedTemplateAsync(north, "clinic", "Needs approval", DemoUsers.NorthClinic, requireApproval: true);
        var first = await AssignedAsync(Guid.NewGuid());
        var put = await north.PutAsJsonAsync($"api/programs/patients/{first.PatientId}/program", new { templateId, phase = 1 });
        var program = (await _app.Events.WaitForAsync<ProgramAssigned>(e => e.TemplateId == templateId)).Single();
        await ReadyForPhaseExitAsync(program);

        await ConfirmedSessionAsync(program, 2);
        var proposal = await Eventually.MatchAsync(
            () => north.GetFromJsonAsync<JsonElement>($"api/programs/patients/{program.PatientId}/program/decisions"),
            d => d.EnumerateArray().Any(x => x.GetProperty("status").GetString() == "proposed"), TimeSpan.FromSeconds(30), "a proposal");
        var proposalId = proposal.EnumerateArray().Single(x => x.GetProperty("status").GetString() == "proposed").GetProperty("id").GetGuid();
        Assert.DoesNotContain(_app.Events.Received<ProgramAdjusted>(), e => e.ProgramId == program.ProgramId);

        var approve = await north.PostAsync($"api/programs/patients/{program.PatientId}/program/decisions/{proposalId}/approve", null);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var adjusted = Assert.Single(await _app.Events.WaitForAsync<ProgramAdjusted>(e => e.ProgramId == program.ProgramId));
        Assert.Equal((ProgressionDecision.Progress, 2), (adjusted.Decision, adjusted.Prescription.Phase));
    }

    [Fact]
    public async Task Bad_templates_get_400_with_field_errors_and_store_nothing()
    {
        using var north = _app.Client("therapist-north");
        var before = await _app.CountAsync<ProgramTemplateVersion>();
        var threePhases = new { authorClinicId = DemoUsers.NorthClinic, name = "x", visibility = "chain", sessionsPerWeek = 3,
            phases = Enumerable.Range(1, 3).Select(p => new { phase = p, exercises = new[] { new { exerciseCode = "no-such-exercise", sets = 0 } } }) };

        var response = await north.PostAsJsonAsync("api/programs/templates", threePhases);
        var badEnum = await north.PostAsJsonAsync("api/programs/templates", new { authorClinicId = DemoUsers.NorthClinic, name = "x", visibility = "public" });
        var foreignClinic = await north.PostAsJsonAsync("api/programs/templates", NewTemplate("chain", "y", DemoUsers.SouthClinic));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "phases", "phases[0].exercises[0].exerciseCode", "phases[0].exercises[0].sets", "phases[0].exercises[0].reps" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreignClinic.StatusCode);
        Assert.Equal(before, await _app.CountAsync<ProgramTemplateVersion>());
    }

    [Fact]
    public async Task Another_clinics_patient_is_a_404_and_the_attempt_is_audited()
    {
        var program = await AssignedAsync(Guid.NewGuid());
        using var south = _app.Client("therapist-south");

        var read = await south.GetAsync($"api/programs/patients/{program.PatientId}/program");
        var overrideAttempt = await south.PostAsJsonAsync($"api/programs/patients/{program.PatientId}/program/override", new { phase = 4 });

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, overrideAttempt.StatusCode);
        var denied = await _app.QueryAsync(db => db.Set<RehabPlatform.ServiceDefaults.Audit.AuditEntry>()
            .CountAsync(e => e.PatientId == program.PatientId && e.UserId == "u-therapist-south" && e.Outcome == RehabPlatform.ServiceDefaults.Audit.AuditOutcome.Denied));
        Assert.Equal(2, denied);
        Assert.Equal(2, await _app.QueryAsync(db => db.Programs.Where(p => p.Id == program.ProgramId).Select(p => p.Phase).SingleAsync()));
    }

    [Fact]
    public async Task The_exercise_library_offers_at_least_25_exercises_by_phase_and_tag()
    {
        using var north = _app.Client("therapist-north");

        var all = await north.GetFromJsonAsync<JsonElement>("api/programs/exercises");
        var stretches = await north.GetFromJsonAsync<JsonElement>("api/programs/exercises?tag=quadriceps&category=stretch");
        var phase4 = await north.GetFromJsonAsync<JsonElement>("api/programs/exercises?phase=4");

        Assert.True(all.GetArrayLength() >= 25);
        Assert.Contains(stretches.EnumerateArray(), e => e.GetProperty("code").GetString() == "kneeling-hip-flexor-quad-stretch");
        Assert.All(phase4.EnumerateArray(), e => Assert.Contains(4, e.GetProperty("phases").EnumerateArray().Select(p => p.GetInt32())));
    }

    [Fact]
    public async Task The_exercise_library_finds_by_body_region_and_words_and_says_what_to_feel_and_avoid()
    {
        using var north = _app.Client("therapist-north");

        var hip = await north.GetFromJsonAsync<JsonElement>("api/programs/exercises?region=hip");
        var selfMassage = await north.GetFromJsonAsync<JsonElement>("api/programs/exercises?q=foam%20CALF");
        var unknownRegion = await north.GetAsync("api/programs/exercises?region=elbow");

        Assert.Contains(hip.EnumerateArray(), e => e.GetProperty("code").GetString() == "clamshell-band");
        Assert.All(hip.EnumerateArray(), e => Assert.Equal("hip", e.GetProperty("bodyRegion").GetString()));
        var roll = Assert.Single(selfMassage.EnumerateArray());
        Assert.Equal("foam-roll-calf", roll.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(roll.GetProperty("whatToFeel").GetString()));
        Assert.Contains("back of the knee", roll.GetProperty("whatToAvoid").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownRegion.StatusCode);
    }

    [Fact]
    public async Task A_clinic_exercise_needs_a_body_region_and_what_to_feel_and_is_seen_only_by_its_clinic()
    {
        using var north = _app.Client("therapist-north");
        using var south = _app.Client("therapist-south");
        var code = "north-towel-slide-" + Guid.NewGuid().ToString("N")[..6];
        var exercise = new
        {
            clinicId = DemoUsers.NorthClinic, code, name = "Towel heel slide", category = "knee-strength", instructions = "Slide the heel towards you on a towel.",
            defaultSets = 3, defaultReps = 12, phases = new[] { 1 },
        };

        var incomplete = await north.PostAsJsonAsync("api/programs/exercises", exercise);
        var added = await north.PostAsJsonAsync("api/programs/exercises", new
        {
            exercise.clinicId, exercise.code, exercise.name, exercise.category, exercise.instructions, exercise.defaultSets, exercise.defaultReps, exercise.phases,
            bodyRegion = "knee", whatToFeel = "The front of the thigh working as the knee bends.",
        });

        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var problem = await incomplete.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("bodyRegion", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("whatToFeel", out _));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Contains((await north.GetFromJsonAsync<JsonElement>("api/programs/exercises?region=knee")).EnumerateArray(), e => e.GetProperty("code").GetString() == code);
        Assert.DoesNotContain((await south.GetFromJsonAsync<JsonElement>("api/programs/exercises")).EnumerateArray(), e => e.GetProperty("code").GetString() == code);
    }
}

public sealed class SqliteProgramsApiTests() : ProgramsApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresProgramsApiTests() : ProgramsApiTests(DatabaseProvider.Postgres);
