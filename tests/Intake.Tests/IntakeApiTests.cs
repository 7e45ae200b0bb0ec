using System.Text;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.Clinical;
using RehabPlatform.Contracts.Intake;
using RehabPlatform.Intake.Model;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Http;
using ConsentScope = RehabPlatform.Contracts.Intake.ConsentScope;
using Side = RehabPlatform.Contracts.Intake.Side;

namespace RehabPlatform.Intake.Tests;

/// <summary>The Intake API against a real broker and a real database, once per provider.</summary>
public abstract class IntakeApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    protected IntakeApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await IntakeApp.StartAsync(provider);

    public async Task DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task Searching_by_post_finds_the_patient_with_onboarding_status_and_a_referral_lands_on_the_clinic_worklist()
    {
        using var north = App.Client("therapist-north");
        using var south = App.Client("therapist-south");
        var family = "Search" + Guid.NewGuid().ToString("N")[..8];
        var waiting = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, given: "Ann", family: family));
        var referred = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, given: "Bo", family: family));
        await IntakeApp.ConsentToTreatmentAsync(north, referred);
        Assert.Equal(HttpStatusCode.Created, (await north.PostAsJsonAsync($"api/intake/patients/{referred}/intakes", IntakeApp.NewIntake(nameof(RedFlagChecklist.LockedKnee)))).StatusCode);

        var found = await north.PostAsJsonAsync("api/intake/patients/search", new { clinicId = DemoUsers.NorthClinic, search = family.ToLowerInvariant() });
        var elsewhere = await south.PostAsJsonAsync("api/intake/patients/search", new { search = family });
        var worklist = await north.GetFromJsonAsync<JsonElement>($"api/intake/clinics/{DemoUsers.NorthClinic}/worklist");
        var tooMany = await north.PostAsJsonAsync("api/intake/patients/search", new { patientIds = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()) });

        var page = await found.Content.ReadFromJsonAsync<JsonElement>();
        var statuses = page.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("patient").GetProperty("id").GetGuid(), i => i.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<Guid, string?> { [waiting] = "awaiting-intake", [referred] = "referred-out" }, statuses);
        Assert.Equal(0, (await elsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
        Assert.Contains(worklist.EnumerateArray(), i => i.GetProperty("patientId").GetGuid() == referred && i.GetProperty("reason").GetString() == "referral-to-act-on");
        Assert.DoesNotContain(worklist.EnumerateArray(), i => i.GetProperty("patientId").GetGuid() == waiting);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task Acting_on_a_referral_takes_it_off_the_worklist_publishes_ReferralActedOn_once_and_is_refused_for_a_cleared_intake()
    {
        using var north = App.Client("therapist-north");
        var referred = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, family: "Act" + Guid.NewGuid().ToString("N")[..8]));
        var cleared = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, family: "Clear" + Guid.NewGuid().ToString("N")[..8]));
        await IntakeApp.ConsentToTreatmentAsync(north, referred);
        await IntakeApp.ConsentToTreatmentAsync(north, cleared);
        var referral = await (await north.PostAsJsonAsync($"api/intake/patients/{referred}/intakes", IntakeApp.NewIntake(nameof(RedFlagChecklist.LockedKnee))))
            .Content.ReadFromJsonAsync<JsonElement>();
        var clearedIntake = await (await north.PostAsJsonAsync($"api/intake/patients/{cleared}/intakes", IntakeApp.NewIntake())).Content.ReadFromJsonAsync<JsonElement>();
        var url = $"api/intake/patients/{referred}/intakes/{referral.GetProperty("id").GetGuid()}/referral-acted-on";

        var first = await north.PostAsync(url, null);
        var again = await north.PostAsync(url, null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var actedAt = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralActedAt").GetDateTimeOffset();
        // The second answer reads the stored time back: the first one stands.
        Assert.Equal(actedAt, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referralActedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        var acted = Assert.Single(await App.Events.WaitForAsync<ReferralActedOn>(e => e.PatientId == referred));
        Assert.True(acted.ReferredAt <= acted.OccurredAt);
        var worklist = await north.GetFromJsonAsync<JsonElement>($"api/intake/clinics/{DemoUsers.NorthClinic}/worklist");
        Assert.DoesNotContain(worklist.EnumerateArray(), i => i.GetProperty("patientId").GetGuid() == referred);
        Assert.Equal(HttpStatusCode.Conflict,
            (await north.PostAsync($"api/intake/patients/{cleared}/intakes/{clearedIntake.GetProperty("id").GetGuid()}/referral-acted-on", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await north.PostAsync($"api/intake/patients/{referred}/intakes/{Guid.NewGuid()}/referral-acted-on", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Client("therapist-south").PostAsync(url, null)).StatusCode);
        await Task.Delay(500);
        Assert.Single(App.Events.Received<ReferralActedOn>(), e => e.PatientId == referred);
    }

    [Fact]
    public async Task Akps_answers_that_are_red_flags_refer_the_patient_or_hold_the_intake_for_a_therapists_review()
    {
        using var therapist = App.Client("therapist-north");
        var constantPain = await App.RegisterAsync(therapist, IntakeApp.NewPatient(DemoUsers.NorthClinic, family: "Pain" + Guid.NewGuid().ToString("N")[..8]));
        var dislocation = await App.RegisterAsync(therapist, IntakeApp.NewPatient(DemoUsers.NorthClinic, family: "Kneecap" + Guid.NewGuid().ToString("N")[..8]));
        await IntakeApp.ConsentToTreatmentAsync(therapist, constantPain);
        await IntakeApp.ConsentToTreatmentAsync(therapist, dislocation);

        var referred = await therapist.PostAsJsonAsync($"api/intake/patients/{constantPain}/intakes",
            IntakeApp.NewIntake(akpsAnswer: i => i.Code == "pain" ? i.Options.Single(o => o.Code == "constant-and-severe") : i.Options[1]));
        var held = await therapist.PostAsJsonAsync($"api/intake/patients/{dislocation}/intakes",
            IntakeApp.NewIntake(akpsAnswer: i => i.Code == "patellarMovements" ? i.Options.Single(o => o.Code == "at-least-one-documented-dislocation") : i.Options[1]));
        var heldBody = await held.Content.ReadFromJsonAsync<JsonElement>();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var notYet = App.Events.Received<IntakeCompleted>().Any(e => e.PatientId == dislocation);
        var review = await therapist.PostAsJsonAsync($"api/intake/patients/{dislocation}/intakes/{heldBody.GetProperty("id").GetGuid()}/review", new { decision = "clear" });
        var again = await therapist.PostAsJsonAsync($"api/intake/patients/{dislocation}/intakes/{heldBody.GetProperty("id").GetGuid()}/review", new { decision = "refer" });

        var referredBody = await referred.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("referred-out", referredBody.GetProperty("outcome").GetString());
        Assert.Contains(AkpsRedFlagCrossCheck.ConstantSeverePain, referredBody.GetProperty("redFlags").EnumerateArray().Select(f => f.GetString()));
        var referral = Assert.Single(await App.Events.WaitForAsync<PatientReferredOut>(e => e.PatientId == constantPain));
        Assert.Contains(AkpsRedFlagCrossCheck.ConstantSeverePain, referral.RedFlags);
        Assert.Equal(("needs-review", AkpsRedFlagCrossCheck.DocumentedDislocation), (heldBody.GetProperty("outcome").GetString(), heldBody.GetProperty("reviewReasons")[0].GetString()));
        Assert.False(notYet);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (review.StatusCode, again.StatusCode));
        var cleared = await review.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("cleared", "u-therapist-north"), (cleared.GetProperty("outcome").GetString(), cleared.GetProperty("reviewedBy").GetString()));
        Assert.Single(await App.Events.WaitForAsync<IntakeCompleted>(e => e.PatientId == dislocation));
    }

    [Fact]
    public async Task A_later_intake_says_whether_it_reassesses_the_episode_or_starts_a_new_one()
    {
        using var therapist = App.Client("therapist-north");
        var patientId = await App.RegisterAsync(therapist, IntakeApp.NewPatient(DemoUsers.NorthClinic, family: "Episode" + Guid.NewGuid().ToString("N")[..8]));
        await IntakeApp.ConsentToTreatmentAsync(therapist, patientId);
        var url = $"api/intake/patients/{patientId}/intakes";
        var first = await (await therapist.PostAsJsonAsync(url, IntakeApp.NewIntake())).Content.ReadFromJsonAsync<JsonElement>();

        var unsaid = await therapist.PostAsJsonAsync(url, IntakeApp.NewIntake());
        var reassessment = IntakeApp.NewIntake();
        reassessment["kind"] = "reassessment";
        var reassessed = await (await therapist.PostAsJsonAsync(url, reassessment)).Content.ReadFromJsonAsync<JsonElement>();
        var newEpisode = IntakeApp.NewIntake();
        newEpisode["kind"] = "new-episode";
        var started = await (await therapist.PostAsJsonAsync(url, newEpisode)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, unsaid.StatusCode);
        Assert.Contains("kind", (await unsaid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(first.GetProperty("episodeId").GetGuid(), reassessed.GetProperty("episodeId").GetGuid());
        Assert.NotEqual(first.GetProperty("episodeId").GetGuid(), started.GetProperty("episodeId").GetGuid());
        var events = await App.Events.WaitForAsync<IntakeCompleted>(e => e.PatientId == patientId, count: 3);
        Assert.Equal([false, false, true], events.Select(e => e.IsReassessment).Order());
        Assert.Equal(2, await App.QueryAsync(db => db.Intakes.Where(i => i.PatientId == patientId).Select(i => i.EpisodeId).Distinct().CountAsync()));
    }

    [Fact]
    public async Task Intake_without_red_flags_publishes_exactly_one_IntakeCompleted_with_the_baseline()
    {
        using var therapist = App.Client("therapist-north");
        var patientId = await App.RegisterAsync(therapist, IntakeApp.NewPatient(DemoUsers.NorthClinic));

        await IntakeApp.ConsentToTreatmentAsync(therapist, patientId);
        var response = await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/intakes", IntakeApp.NewIntake());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var expectedAkps = Akps.Items.Sum(i => i.Options[1].Points);
        Assert.Equal(expectedAkps, body.GetProperty("akpsScore").GetInt32());
        Assert.Equal("cleared", body.GetProperty("outcome").GetString());
        var completed = Assert.Single(await App.Events.WaitForAsync<IntakeCompleted>(e => e.PatientId == patientId));
        Assert.Equal(expectedAkps, completed.AkpsScore);
        Assert.Equal(Akps.Version, completed.AkpsVersion);
        Assert.Equal((3, 6, 5), (completed.NprsNow, completed.NprsWorstLastWeek, completed.NprsWhileRunning));
        Assert.Equal(Side.Left, completed.AffectedSide);
        Assert.Equal(30.5m, completed.Running.WeeklyDistanceKm);
        Assert.Equal(new DateOnly(2027, 4, 11), completed.Running.GoalDate);
        await Task.Delay(500);
        Assert.Single(App.Events.Received<IntakeCompleted>(), e => e.PatientId == patientId);
        Assert.DoesNotContain(App.Events.Received<PatientReferredOut>(), e => e.PatientId == patientId);
    }

    [Fact]
    public async Task Intake_with_a_red_flag_refers_the_patient_out_and_publishes_exactly_one_PatientReferredOut()
    {
        using var therapist = App.Client("therapist-north");
        var patientId = await App.RegisterAsync(therapist, IntakeApp.NewPatient(DemoUsers.NorthClinic));

        await IntakeApp.ConsentToTreatmentAsync(therapist, patientId);
        var response = await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/intakes", IntakeApp.NewIntake(nameof(RedFlagChecklist.CalfSwellingAndWarmth)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("referred-out", body.GetProperty("outcome").GetString());
        var referral = Assert.Single(await App.Events.WaitForAsync<PatientReferredOut>(e => e.PatientId == patientId));
        Assert.Equal([RedFlagCodes.PossibleClot], referral.RedFlags);
        await Task.Delay(500);
        Assert.DoesNotContain(App.Events.Received<IntakeCompleted>(), e => e.PatientId == patientId);
        Assert.True(await App.QueryAsync(db => db.Patients.Where(p => p.Id == patientId).Select(p => p.ReferredOut).SingleAsync()));
    }

    [Fact]
    public async Task A_repeated_idempotency_key_returns_the_first_patient_and_creates_one()
    {
        using var therapist = App.Client("therapist-north");
        var patient = IntakeApp.NewPatient(DemoUsers.NorthClinic, "Grace", "Hopper");
        var key = Guid.NewGuid().ToString();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/patients") { Content = JsonContent.Create(patient) };
            request.Headers.Add("Idempotency-Key", key);
            responses.Add(await therapist.SendAsync(request));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(responses[0].Headers.Location, responses[2].Headers.Location);
        Assert.Equal(1, await App.QueryAsync(db => db.Patients.CountAsync(p => p.FamilyName == "Hopper")));
    }

    [Fact]
    public async Task A_duplicate_at_the_callers_own_clinics_is_a_409_naming_the_existing_patient()
    {
        using var north = App.Client("therapist-north");
        var firstId = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, "Mary", "Seacole", "1985-11-23", "mary@example.org"));

        var sameNameAndBirthDate = await north.PostAsJsonAsync("api/intake/patients", IntakeApp.NewPatient(DemoUsers.NorthClinic, " mary ", "SEACOLE", "1985-11-23", "another@example.org"));
        var sameEmail = await north.PostAsJsonAsync("api/intake/patients", IntakeApp.NewPatient(DemoUsers.NorthClinic, "M", "S", "1970-01-01", "Mary@Example.org"));

        foreach (var response in new[] { sameNameAndBirthDate, sameEmail })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(firstId, problem.GetProperty("existingPatientId").GetGuid());
        }
        Assert.Equal(1, await App.CountAsync<Patient>());
    }

    [Fact]
    public async Task A_match_at_another_clinic_is_registered_like_any_patient_without_revealing_it_and_a_chain_admin_resolves_it()
    {
        using var north = App.Client("therapist-north");
        using var south = App.Client("therapist-south");
        using var admin = App.Client("chain-admin");
        var northId = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, "Mary", "Seacole", "1985-11-23", "mary@example.org"));

        var sameNameAndBirthDate = await south.PostAsJsonAsync("api/intake/patients", IntakeApp.NewPatient(DemoUsers.SouthClinic, " mary ", "SEACOLE", "1985-11-23", "another@example.org"));
        var fresh = await south.PostAsJsonAsync("api/intake/patients", IntakeApp.NewPatient(DemoUsers.SouthClinic, "Florence", "Nightingale", "1980-05-12"));

        // The answer is the one any new patient gets: nothing in it says that North has this person.
        Assert.Equal(HttpStatusCode.Created, sameNameAndBirthDate.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        var body = await sameNameAndBirthDate.Content.ReadAsStringAsync();
        Assert.DoesNotContain(northId.ToString(), body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DemoUsers.NorthClinic.ToString(), body, StringComparison.OrdinalIgnoreCase);
        var registered = JsonDocument.Parse(body).RootElement;
        Assert.Equal((await fresh.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject().Select(p => p.Name), registered.EnumerateObject().Select(p => p.Name));
        Assert.Equal(sameNameAndBirthDate.Headers.Select(h => h.Key).Order(), fresh.Headers.Select(h => h.Key).Order());
        var southId = registered.GetProperty("id").GetGuid();
        Assert.Contains(await App.QueryAsync(db => db.Set<AuditEntry>().Where(e => e.PatientId == northId && e.UserId == "u-therapist-south").ToListAsync()),
            e => e.Purpose == AuditPurposes.PossibleDuplicate && e.Outcome == AuditOutcome.Denied);

        Assert.Equal(HttpStatusCode.Forbidden, (await south.GetAsync("api/intake/duplicates")).StatusCode);
        var open = await admin.GetFromJsonAsync<JsonElement>("api/intake/duplicates");
        var pair = Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal(southId, pair.GetProperty("patientId").GetGuid());
        Assert.Equal(northId, pair.GetProperty("existingPatientId").GetGuid());
        Assert.Equal("name-and-birth-date", pair.GetProperty("match").GetString());

        var resolve = $"api/intake/duplicates/{pair.GetProperty("id").GetGuid()}/resolution";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(resolve, new { resolution = "same-person" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync(resolve, new { resolution = "distinct" })).StatusCode);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("api/intake/duplicates")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_intake_without_treatment_consent_or_after_its_withdrawal_is_refused_and_stores_nothing()
    {
        using var therapist = App.Client("therapist-north");
        var patientId = await App.RegisterAsync(therapist, IntakeApp.NewPatient(DemoUsers.NorthClinic, "Consent", "Pending", "1987-03-03"));

        var withoutConsent = await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/intakes", IntakeApp.NewIntake());
        await IntakeApp.ConsentToTreatmentAsync(therapist, patientId);
        Assert.Equal(HttpStatusCode.Created, (await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/consents", new { scope = "treatment", granted = false, version = "2026-01" })).StatusCode);
        var afterWithdrawal = await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/intakes", IntakeApp.NewIntake());

        foreach (var refused in new[] { withoutConsent, afterWithdrawal })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Treatment consent required", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
        Assert.Equal(0, await App.QueryAsync(db => db.Intakes.CountAsync(i => i.PatientId == patientId)));
        Assert.DoesNotContain(App.Events.Received<IntakeCompleted>(), e => e.PatientId == patientId);
    }

    [Fact]
    public async Task A_therapist_asks_for_a_transfer_and_only_the_receiving_clinics_manager_moves_the_patient()
    {
        using var north = App.Client("therapist-north");
        using var northManager = App.Client("manager-north");
        using var southTherapist = App.Client("therapist-south");
        using var southManager = App.Client("u-manager-south", Roles.ClinicManager, DemoUsers.SouthClinic);
        var patientId = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, "Transfer", "Requested", "1991-06-01"));

        var asked = await north.PostAsJsonAsync($"api/intake/patients/{patientId}/transfer", new { toClinicId = DemoUsers.SouthClinic });
        var askedAgain = await northManager.PostAsJsonAsync($"api/intake/patients/{patientId}/transfer", new { toClinicId = DemoUsers.SouthClinic });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, askedAgain.StatusCode);
        var requestId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(DemoUsers.NorthClinic, await App.QueryAsync(db => db.Patients.Where(p => p.Id == patientId).Select(p => p.ClinicId).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await southManager.GetAsync($"api/intake/patients/{patientId}")).StatusCode);

        var incoming = await southManager.GetFromJsonAsync<JsonElement>("api/intake/transfer-requests");
        Assert.Equal(requestId, Assert.Single(incoming.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await southTherapist.PostAsync($"api/intake/transfer-requests/{requestId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await north.PostAsync($"api/intake/transfer-requests/{requestId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await southManager.PostAsync($"api/intake/transfer-requests/{requestId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await southManager.PostAsync($"api/intake/transfer-requests/{requestId}/decline", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await southManager.GetAsync($"api/intake/patients/{patientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"api/intake/patients/{patientId}")).StatusCode);
        await App.Events.WaitForAsync<PatientTransferred>(e => e.PatientId == patientId);
    }

    [Fact]
    public async Task A_manager_of_both_clinics_or_a_chain_admin_moves_a_patient_at_once_and_a_manager_of_one_clinic_only_asks()
    {
        using var north = App.Client("therapist-north");
        using var bothManager = App.Client("u-manager-both", Roles.ClinicManager, DemoUsers.NorthClinic, DemoUsers.SouthClinic);
        using var northManager = App.Client("manager-north");
        var first = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, "Moved", "AtOnce", "1992-07-02"));
        var second = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, "Only", "Asked", "1993-08-03"));

        Assert.Equal(HttpStatusCode.OK, (await bothManager.PostAsJsonAsync($"api/intake/patients/{first}/transfer", new { toClinicId = DemoUsers.SouthClinic })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await northManager.PostAsJsonAsync($"api/intake/patients/{second}/transfer", new { toClinicId = DemoUsers.SouthClinic })).StatusCode);

        Assert.Equal(DemoUsers.SouthClinic, await App.QueryAsync(db => db.Patients.Where(p => p.Id == first).Select(p => p.ClinicId).SingleAsync()));
        Assert.Equal(DemoUsers.NorthClinic, await App.QueryAsync(db => db.Patients.Where(p => p.Id == second).Select(p => p.ClinicId).SingleAsync()));
    }

    [Fact]
    public async Task A_retried_registration_is_answered_from_the_record_as_the_caller_may_see_it_now_and_after_a_transfer_away_is_a_404()
    {
        using var manager = App.Client("chain-admin");
        using var north = App.Client("therapist-north");
        var request = IntakeApp.NewPatient(DemoUsers.NorthClinic, "Grace", "Hopper", "1986-12-09", "grace@example.org");
        async Task<HttpResponseMessage> RegisterWithKeyAsync()
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "api/intake/patients") { Content = JsonContent.Create(request) };
            message.Headers.Add("Idempotency-Key", "retry-grace");
            return await north.SendAsync(message);
        }

        var first = await RegisterWithKeyAsync();
        var retried = await RegisterWithKeyAsync();
        var patientId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(patientId, (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"api/intake/patients/{patientId}/transfer", new { toClinicId = DemoUsers.SouthClinic })).StatusCode);
        var afterTransfer = await RegisterWithKeyAsync();

        Assert.Equal(HttpStatusCode.NotFound, afterTransfer.StatusCode);
        var body = await afterTransfer.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Hopper", body, StringComparison.Ordinal);
        Assert.DoesNotContain("grace@example.org", body, StringComparison.Ordinal);
        Assert.Equal(1, await App.CountAsync<Patient>());
        var audited = await App.QueryAsync(db => db.Set<AuditEntry>().Where(e => e.PatientId == patientId && e.UserId == "u-therapist-north").ToListAsync());
        Assert.Contains(audited, e => e.Purpose == AuditPurposes.IdempotentReplay && e.Outcome == AuditOutcome.Success);
        Assert.Contains(audited, e => e.Outcome == AuditOutcome.Denied);
        Assert.DoesNotContain("Hopper", string.Join(",", await App.QueryAsync(db => db.Set<IdempotencyRecord>().Select(r => r.Location + r.Key).ToListAsync())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_therapist_of_another_clinic_gets_404_for_every_access_and_each_attempt_is_audited()
    {
        using var north = App.Client("therapist-north");
        using var south = App.Client("therapist-south");
        var patientId = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic));

        var read = await south.GetAsync($"api/intake/patients/{patientId}");
        var update = await south.PutAsJsonAsync($"api/intake/patients/{patientId}", new { givenName = "X", familyName = "Y", preferredLanguage = "en" });
        var intake = await south.PostAsJsonAsync($"api/intake/patients/{patientId}/intakes", IntakeApp.NewIntake());
        var consents = await south.GetAsync($"api/intake/patients/{patientId}/consents");
        var list = await (await south.GetAsync("api/intake/patients")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.All(new[] { read, update, intake, consents }, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var denied = await App.QueryAsync(db => db.Set<AuditEntry>()
            .Where(e => e.PatientId == patientId && e.UserId == "u-therapist-south" && e.Outcome == AuditOutcome.Denied)
            .Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditAction.Read, AuditAction.Read, AuditAction.Update, AuditAction.Submit], denied.Order());
        Assert.Equal(0, await App.CountAsync<IntakeAssessment>());
        Assert.Equal("Ada", await App.QueryAsync(db => db.Patients.Select(p => p.GivenName).SingleAsync()));
    }

    [Fact]
    public async Task Chain_admins_read_the_audit_log_by_patient_and_therapists_cannot()
    {
        using var north = App.Client("therapist-north");
        using var admin = App.Client("chain-admin");
        var patientId = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic));
        await north.GetAsync($"api/intake/patients/{patientId}");

        var log = await admin.GetFromJsonAsync<JsonElement>($"api/intake/audit?patientId={patientId}");
        var forbidden = await north.GetAsync($"api/intake/audit?patientId={patientId}");

        var actions = log.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["Read", "Create"], actions);
        Assert.All(log.GetProperty("items").EnumerateArray(), e => Assert.Equal("u-therapist-north", e.GetProperty("userId").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_filters_by_outcome_resource_and_time_and_refuses_an_unknown_outcome()
    {
        using var north = App.Client("therapist-north");
        using var south = App.Client("therapist-south");
        using var admin = App.Client("chain-admin");
        var patientId = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic));
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await south.GetAsync($"api/intake/patients/{patientId}");

        var denied = await admin.GetFromJsonAsync<JsonElement>($"api/intake/audit?patientId={patientId}&outcome=denied&resource=patient&from={Uri.EscapeDataString(before.ToString("O"))}");
        var later = await admin.GetFromJsonAsync<JsonElement>($"api/intake/audit?patientId={patientId}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"))}");
        var unknown = await admin.GetAsync("api/intake/audit?outcome=maybe");

        var entry = Assert.Single(denied.GetProperty("items").EnumerateArray());
        Assert.Equal("u-therapist-south", entry.GetProperty("userId").GetString());
        Assert.Equal(0, later.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("outcome", out _));
    }

    public static TheoryData<string, Func<Dictionary<string, object?>, object>, string> BadIntakes => new()
    {
        { "missing AKPS item", i => { ((Dictionary<string, string>)i["akps"]!).Remove("stairs"); return i; }, "akps.stairs" },
        { "pain 11", i => { i["nprs"] = new { now = 11, worstLastWeek = 6, whileRunning = 5 }; return i; }, "nprs.now" },
        { "unanswered red flag", i => { ((Dictionary<string, object?>)i["redFlags"]!).Remove("fever"); return i; }, "redFlags.fever" },
        { "unknown AKPS answer", i => { ((Dictionary<string, string>)i["akps"]!)["limp"] = "sometimes"; return i; }, "akps.limp" },
        { "unknown enum value", i => { i["affectedSide"] = "middle"; return i; }, "$.affectedSide" },
    };

    [Theory]
    [MemberData(nameof(BadIntakes))]
    public async Task A_bad_intake_gets_a_400_naming_the_field_and_stores_nothing(string why, Func<Dictionary<string, object?>, object> spoil, string field)
    {
        using var therapist = App.Client("therapist-north");
        var patientId = await App.RegisterAsync(therapist, IntakeApp.NewPatient(DemoUsers.NorthClinic));

        await IntakeApp.ConsentToTreatmentAsync(therapist, patientId);
        var response = await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/intakes", spoil(IntakeApp.NewIntake()));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: errors name {field}: {problem}");
        Assert.Equal(0, await App.CountAsync<IntakeAssessment>());
    }

    [Fact]
    public async Task Malformed_json_and_oversized_bodies_get_problem_details_and_store_nothing()
    {
        using var therapist = App.Client("therapist-north");
        var patientsBefore = await App.CountAsync<Patient>();

        var malformed = await therapist.PostAsync("api/intake/patients", new StringContent("{\"givenName\": \"Ada\",", Encoding.UTF8, "application/json"));
        // Expect: 100-continue lets the service refuse the 2 MB body before it is sent, as real clients do;
        // without it the client may still be writing when the 413 closes the connection.
        using var hugeRequest = new HttpRequestMessage(HttpMethod.Post, "api/intake/patients")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { givenName = new string('a', 2 * 1024 * 1024) }), Encoding.UTF8, "application/json"),
        };
        hugeRequest.Headers.ExpectContinue = true;
        var huge = await therapist.SendAsync(hugeRequest);
        var missing = await therapist.PostAsJsonAsync("api/intake/patients", new { givenName = "Ada" });

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        foreach (var response in new[] { malformed, huge, missing })
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var missingFields = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(missingFields.TryGetProperty("familyName", out _) && missingFields.TryGetProperty("birthDate", out _) && missingFields.TryGetProperty("clinicId", out _));
        Assert.Equal(patientsBefore, await App.CountAsync<Patient>());
    }

    [Fact]
    public async Task Consent_changes_are_versioned_per_scope_and_published()
    {
        using var therapist = App.Client("therapist-north");
        var patientId = await App.RegisterAsync(therapist, IntakeApp.NewPatient(DemoUsers.NorthClinic));

        await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/consents", new { scope = "form-analysis", granted = true, version = "2026-01" });
        await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/consents", new { scope = "treatment", granted = true, version = "2026-01" });
        var withdrawn = await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/consents", new { scope = "form-analysis", granted = false, version = "2026-02" });
        var state = await therapist.GetFromJsonAsync<JsonElement>($"api/intake/patients/{patientId}/consents");

        Assert.Equal(HttpStatusCode.Created, withdrawn.StatusCode);
        var current = state.GetProperty("current").EnumerateArray().ToDictionary(c => c.GetProperty("scope").GetString()!, c => c.GetProperty("granted").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["treatment"] = true, ["form-analysis"] = false }, current);
        Assert.Equal(3, state.GetProperty("history").GetArrayLength());
        var events = await App.Events.WaitForAsync<ConsentChanged>(e => e.PatientId == patientId, count: 3);
        Assert.Contains(events, e => e.Scope == ConsentScope.FormAnalysis && !e.Granted && e.ConsentVersion == "2026-02");
    }

    [Fact]
    public async Task A_transferred_patient_moves_to_the_new_clinics_scope()
    {
        using var north = App.Client("therapist-north");
        using var south = App.Client("therapist-south");
        using var admin = App.Client("chain-admin");
        var patientId = await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic));
        await IntakeApp.ConsentToTreatmentAsync(north, patientId);
        await north.PostAsJsonAsync($"api/intake/patients/{patientId}/intakes", IntakeApp.NewIntake());

        var transfer = await admin.PostAsJsonAsync($"api/intake/patients/{patientId}/transfer", new { toClinicId = DemoUsers.SouthClinic });

        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await north.GetAsync($"api/intake/patients/{patientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await south.GetAsync($"api/intake/patients/{patientId}")).StatusCode);
        Assert.Equal(1, (await south.GetFromJsonAsync<JsonElement>($"api/intake/patients/{patientId}/intakes")).GetArrayLength());
        var moved = Assert.Single(await App.Events.WaitForAsync<PatientTransferred>(e => e.PatientId == patientId));
        Assert.Equal((DemoUsers.NorthClinic, DemoUsers.SouthClinic), (moved.FromClinicId, moved.ClinicId));
    }

    [Fact]
    public async Task Patients_are_listed_and_searched_within_the_callers_clinics_with_paging()
    {
        using var north = App.Client("therapist-north");
        using var south = App.Client("therapist-south");
        for (var i = 0; i < 3; i++)
            await App.RegisterAsync(north, IntakeApp.NewPatient(DemoUsers.NorthClinic, "Nora" + i, "North"));
        await App.RegisterAsync(south, IntakeApp.NewPatient(DemoUsers.SouthClinic, "Sam", "South"));

        var page1 = await north.GetFromJsonAsync<JsonElement>("api/intake/patients?pageSize=2");
        var page2 = await north.GetFromJsonAsync<JsonElement>("api/intake/patients?pageSize=2&page=2");
        var search = await north.GetFromJsonAsync<JsonElement>("api/intake/patients?search=nora1");
        var badPage = await north.GetAsync("api/intake/patients?pageSize=1000");

        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        Assert.Equal(1, page2.GetProperty("items").GetArrayLength());
        Assert.Equal("Nora1", Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("givenName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
    }
}

public sealed class SqliteIntakeApiTests() : IntakeApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresIntakeApiTests() : IntakeApiTests(DatabaseProvider.Postgres);
