using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RehabPlatform.Form.Model.Analysis;
using RehabPlatform.Form.Model.Synthetic;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.Testing;

namespace RehabPlatform.Portal.Tests;

/// <summary>Staff using the portal in a real Chromium, through the gateway, against the whole platform.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class PortalFlowTests(PortalSession session)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Front_desk_registers_a_patient_and_the_intake_assigns_a_program_the_therapist_sees()
    {
        var frontDesk = await session.SignInAsync("manager-north");
        await AssertAccessibleAsync(frontDesk, "worklist-empty-or-current");
        var family = "Portal" + Suffix();

        var patientId = await RegisterAsync(frontDesk, "Ada", family, "register");
        await AssertAccessibleAsync(frontDesk, "intake-form");
        await frontDesk.GetByRole(AriaRole.Link, new() { Name = "Consents" }).ClickAsync();
        await Assertions.Expect(frontDesk.GetByRole(AriaRole.Row, new() { Name = "Treatment" }).GetByText("Granted")).ToBeVisibleAsync();
        await frontDesk.GetByRole(AriaRole.Row, new() { Name = "Running-form video analysis" }).GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await Assertions.Expect(frontDesk.GetByText("Consent recorded.")).ToBeVisibleAsync();
        await Assertions.Expect(frontDesk.GetByRole(AriaRole.Row, new() { Name = "Running-form video analysis" }).GetByRole(AriaRole.Button, new() { Name = "Withdraw" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(frontDesk, "patient-consents");
        await frontDesk.GetByRole(AriaRole.Link, new() { Name = "Intake" }).ClickAsync();
        await SubmitIntakeAsync(frontDesk, redFlag: null);

        await Assertions.Expect(frontDesk.GetByRole(AriaRole.Heading, new() { Name = "Program assigned" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(frontDesk, "intake-result-program-assigned");
        var therapist = await session.SignInAsync("therapist-north");
        await therapist.GotoAsync("/patients");
        await therapist.GetByLabel("Name, record number or email").FillAsync(family);
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(therapist.GetByRole(AriaRole.Link, new() { Name = $"{family}, Ada" })).ToBeVisibleAsync();
        Assert.DoesNotContain(family, therapist.Url, StringComparison.OrdinalIgnoreCase);
        await AssertAccessibleAsync(therapist, "patients-search");
        await therapist.GetByRole(AriaRole.Link, new() { Name = $"{family}, Ada" }).ClickAsync();
        await WaitForProgramAsync(therapist, patientId);
        await Assertions.Expect(therapist.GetByText(new Regex("^Phase [1-4]: "))).ToBeVisibleAsync();
        // Each prescribed exercise says what the patient should feel, as the library does.
        await Assertions.Expect(therapist.Locator(".exercise").First.GetByText("What to feel")).ToBeVisibleAsync();
        await AssertAccessibleAsync(therapist, "patient-program");

        // What the portal showed stays out of every process's output and everything exported over OTLP.
        Assert.DoesNotContain(session.Platform.Output, line => line.Contains(family, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(session.Platform.Telemetry.Exports, export => export.ContainsIgnoringCase(family));
    }

    [Fact]
    public async Task A_service_that_is_down_shows_a_clear_message_and_the_rest_of_the_page()
    {
        var (patientId, _) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        var therapist = await session.SignInAsync("therapist-north");
        await session.Platform.KillAsync("sessions");
        try
        {
            await therapist.GotoAsync($"/patients/{patientId}");
            await Assertions.Expect(therapist.GetByText("Sessions is not answering").First).ToBeVisibleAsync();
            await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Current program" })).ToBeVisibleAsync();
            Assert.DoesNotContain("Exception", await therapist.ContentAsync(), StringComparison.Ordinal);
            await AssertAccessibleAsync(therapist, "patient-program-sessions-down");
        }
        finally
        {
            session.Platform.Restart("sessions");
            using var health = new HttpClient { BaseAddress = session.Platform.Gateway };
            await Eventually.MatchAsync(async () =>
            {
                try { return (await health.GetAsync("health")).IsSuccessStatusCode; }
                catch (HttpRequestException) { return false; }
            }, ready => ready, Within, "Sessions back behind the gateway");
        }
    }

    [Fact]
    public async Task Therapist_finds_the_patient_on_the_worklist_logs_two_sessions_and_a_morning_report_and_approves_the_proposal()
    {
        var (patientId, family) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        await UploadLowReliabilityCaptureAsync(patientId);
        var therapist = await session.SignInAsync("therapist-north");

        await Eventually.MatchAsync(async () =>
        {
            await therapist.GotoAsync("/worklist");
            return await therapist.GetByRole(AriaRole.Row).Filter(new() { HasText = family }).CountAsync();
        }, rows => rows == 1, Within, "the patient on the worklist");
        var row = therapist.GetByRole(AriaRole.Row).Filter(new() { HasText = family });
        await Assertions.Expect(row.GetByText("Proposal waiting")).ToBeVisibleAsync();
        await AssertAccessibleAsync(therapist, "worklist");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await WaitForProgramAsync(therapist, patientId);
        await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Waiting for your approval" })).ToBeVisibleAsync();

        await therapist.GetByRole(AriaRole.Link, new() { Name = "Sessions and pain" }).ClickAsync();
        await AssertAccessibleAsync(therapist, "patient-sessions");
        await LogSessionAsync(therapist, painDuring: 3);
        await LogSessionAsync(therapist, painDuring: 4);
        await therapist.GetByLabel("Pain now (0–10)").FillAsync("1");
        await therapist.GetByLabel("Session it is about").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Save report" }).ClickAsync();
        await Assertions.Expect(therapist.GetByText("Pain report saved.")).ToBeVisibleAsync();
        await Assertions.Expect(therapist.GetByRole(AriaRole.Region, new() { Name = "Sessions", Exact = true }).Locator("tbody tr")).ToHaveCountAsync(2);
        await AssertAccessibleAsync(therapist, "patient-sessions-logged");

        await therapist.GetByRole(AriaRole.Link, new() { Name = "Program" }).ClickAsync();
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Approve" }).First.ClickAsync();
        await Assertions.Expect(therapist.GetByText("Proposal approved")).ToBeVisibleAsync();
        await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Waiting for your approval" })).ToHaveCountAsync(0);
        await Assertions.Expect(therapist.Locator("svg[aria-labelledby='pain-title pain-desc'] circle")).ToHaveCountAsync(2);
        await AssertAccessibleAsync(therapist, "patient-program-approved");

        using var api = await session.Platform.ClientAsync("therapist-north");
        var decisions = await api.GetFromJsonAsync<JsonElement>($"api/programs/patients/{patientId}/program/decisions");
        Assert.Contains(decisions.EnumerateArray(), d => d.GetProperty("status").GetString() == "applied" && d.GetProperty("decidedBy").GetString() == "u-therapist-north");
        var sessions = await api.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{patientId}/sessions");
        Assert.Equal(2, sessions.GetArrayLength());
    }

    [Fact]
    public async Task A_follow_up_is_compared_with_the_intake_baseline_and_drawn_on_the_outcomes_chart()
    {
        var (patientId, _) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        var therapist = await session.SignInAsync("therapist-north");
        await therapist.GotoAsync($"/patients/{patientId}/follow-up");
        await Assertions.Expect(therapist.GetByText("No follow-up recorded yet.")).ToBeVisibleAsync();

        // The questions come with the page's data: answer them once they are there, or the form refuses to post.
        await Assertions.Expect(therapist.Locator("fieldset.question").First).ToBeVisibleAsync();
        foreach (var question in await therapist.Locator("fieldset.question").AllAsync())
            await question.Locator("input[type=radio]").First.CheckAsync();
        await therapist.GetByLabel("Pain now (0–10)").FillAsync("1");
        await AssertAccessibleAsync(therapist, "patient-follow-up");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Record follow-up" }).ClickAsync();

        await Assertions.Expect(therapist.GetByText("Follow-up recorded: the outcomes chart")).ToBeVisibleAsync();
        await Assertions.Expect(therapist.Locator("svg[aria-labelledby='outcome-title outcome-desc'] circle")).ToHaveCountAsync(2);
        await Assertions.Expect(therapist.Locator("#outcome-desc")).ToContainTextAsync("NPRS from 4 to 1");
        await therapist.GetByRole(AriaRole.Link, new() { Name = "Follow-up", Exact = true }).ClickAsync();
        await Assertions.Expect(therapist.GetByText("Improved (MCID reached)")).ToBeVisibleAsync();

        // The record for the patient's medical record: one FHIR Bundle with the intake and this follow-up.
        var download = await therapist.RunAndWaitForDownloadAsync(() =>
            therapist.GetByRole(AriaRole.Link, new() { Name = "Export for the medical record (FHIR)" }).ClickAsync());
        var bundle = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)).RootElement;
        Assert.Equal("Bundle", bundle.GetProperty("resourceType").GetString());
        Assert.Equal(2, bundle.GetProperty("entry").EnumerateArray().Count(e => e.GetProperty("resource").GetProperty("resourceType").GetString() == "QuestionnaireResponse"));
    }

    [Fact]
    public async Task A_red_flag_in_the_intake_refers_the_patient_no_program_is_assigned_and_acting_on_it_takes_it_off_the_worklist()
    {
        var frontDesk = await session.SignInAsync("therapist-north");
        var family = "Flag" + Suffix();
        var patientId = await RegisterAsync(frontDesk, "Bea", family, "register-red-flag");
        await SubmitIntakeAsync(frontDesk, redFlag: "lockedKnee");

        await Assertions.Expect(frontDesk.GetByRole(AriaRole.Heading, new() { Name = "Referred to a physician: no program" })).ToBeVisibleAsync();
        await Assertions.Expect(frontDesk.GetByText("Locked knee")).ToBeVisibleAsync();
        await AssertAccessibleAsync(frontDesk, "intake-result-referred");
        await frontDesk.GetByRole(AriaRole.Link, new() { Name = "Program" }).ClickAsync();
        await Assertions.Expect(frontDesk.GetByText("No program: the patient was referred out.")).ToBeVisibleAsync();
        using var api = await session.Platform.ClientAsync("therapist-north");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"api/programs/patients/{patientId}/program")).StatusCode);

        await frontDesk.GotoAsync("/worklist");
        await Assertions.Expect(frontDesk.GetByRole(AriaRole.Row).Filter(new() { HasText = family })).ToContainTextAsync("Referral to act on");
        await frontDesk.GotoAsync($"/patients/{patientId}/intake");
        await frontDesk.GetByRole(AriaRole.Button, new() { Name = "Referral acted on: physician contacted, patient told" }).ClickAsync();
        await Assertions.Expect(frontDesk.GetByText("Referral recorded as acted on")).ToBeVisibleAsync();
        await Assertions.Expect(frontDesk.GetByText(new Regex("^Referral acted on \\d"))).ToBeVisibleAsync();
        await frontDesk.GotoAsync("/worklist");
        await Assertions.Expect(frontDesk.GetByRole(AriaRole.Row).Filter(new() { HasText = family })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_therapist_of_another_clinic_cannot_find_the_patient()
    {
        var (patientId, family) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        var south = await session.SignInAsync("therapist-south");

        await south.GotoAsync("/patients");
        await south.GetByLabel("Name, record number or email").FillAsync(family);
        await south.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(south.GetByRole(AriaRole.Heading, new() { Name = "No patient matches" })).ToBeVisibleAsync();
        await south.GotoAsync($"/patients/{patientId}");
        await Assertions.Expect(south.GetByRole(AriaRole.Heading, new() { Name = "Patient not found" })).ToBeVisibleAsync();
        Assert.DoesNotContain(family, await south.ContentAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(south, "patient-not-found-other-clinic");
    }

    [Fact]
    public async Task A_transfer_moves_the_patient_to_the_other_clinic()
    {
        var (patientId, family) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        var admin = await session.SignInAsync("chain-admin");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Which clinic are you working at?" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(admin, "clinic-picker");
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^North") }).ClickAsync();

        await admin.GotoAsync($"/patients/{patientId}/transfer");
        await AssertAccessibleAsync(admin, "patient-transfer");
        await admin.GetByLabel("Receiving clinic").SelectOptionAsync(new SelectOptionValue { Label = "South (Test)" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Transfer" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("Patient moved to the new clinic.")).ToBeVisibleAsync();

        var south = await session.SignInAsync("therapist-south");
        await south.GotoAsync($"/patients/{patientId}");
        await Assertions.Expect(south.GetByRole(AriaRole.Heading, new() { Name = $"Cy {family}" })).ToBeVisibleAsync();
        var north = await session.SignInAsync("therapist-north");
        await north.GotoAsync($"/patients/{patientId}");
        await Assertions.Expect(north.GetByRole(AriaRole.Heading, new() { Name = "Patient not found" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Bad_registration_input_shows_the_API_field_errors_next_to_the_fields_and_a_duplicate_points_to_the_existing_record()
    {
        var (patientId, family) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        var frontDesk = await session.SignInAsync("manager-north");
        await frontDesk.GotoAsync("/patients/new");
        await FillRegistrationAsync(frontDesk, "Dee", "Phone" + Suffix());
        await frontDesk.GetByLabel("Phone (optional)").FillAsync("call me maybe");
        await frontDesk.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(frontDesk.Locator("#phone-error")).ToContainTextAsync("Digits, spaces, dashes");
        Assert.EndsWith("/patients/new", frontDesk.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(frontDesk, "register-field-errors");

        await frontDesk.GotoAsync("/patients/new");
        await FillRegistrationAsync(frontDesk, "Cy", family, "1985-03-02");
        await frontDesk.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(frontDesk.GetByText("This patient is already registered at your clinic.")).ToBeVisibleAsync();
        Assert.Equal($"/patients/{patientId}", await frontDesk.GetByRole(AriaRole.Link, new() { Name = "open the existing record" }).GetAttributeAsync("href"));
        await AssertAccessibleAsync(frontDesk, "register-duplicate");
    }

    [Fact]
    public async Task Pages_work_on_a_phone_width_and_ops_sees_no_patient_pages()
    {
        var (patientId, _) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        var phone = await session.SignInAsync("therapist-north", width: 390, height: 844);
        await phone.GotoAsync($"/patients/{patientId}");
        await WaitForProgramAsync(phone, patientId);
        await AssertAccessibleAsync(phone, "patient-program-phone");
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide on a 390 px screen");

        var ops = await session.SignInAsync("ops");
        await ops.GotoAsync($"/patients/{patientId}");
        await Assertions.Expect(ops.GetByRole(AriaRole.Heading, new() { Name = "Not allowed for your role" })).ToBeVisibleAsync();
        await ops.GotoAsync("/signin");
        await AssertAccessibleAsync(ops, "signin");
    }

    [Fact]
    public async Task The_outcomes_page_shows_aggregates_per_template_version_and_per_clinic_and_is_not_offered_to_therapists()
    {
        // Enough programs started for the north clinic's row to be shown (5 or more).
        for (var i = 0; i < 5; i++)
            await OnboardThroughApiAsync(DemoUsers.NorthClinic);

        var ops = await session.SignInAsync("ops");
        await ops.GotoAsync("/outcomes");
        await Assertions.Expect(ops.GetByRole(AriaRole.Heading, new() { Name = "Outcomes", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(ops.GetByRole(AriaRole.Columnheader, new() { Name = "Template version" })).ToBeVisibleAsync();
        await Assertions.Expect(ops.Locator("table.outcomes tbody tr").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(ops, "outcomes-per-template");
        await ops.GetByLabel("Per").SelectOptionAsync("clinic");
        await ops.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var north = ops.GetByRole(AriaRole.Row).Filter(new() { HasText = "North" });
        await Assertions.Expect(north).ToBeVisibleAsync();
        await Assertions.Expect(north.Locator("td").First).ToHaveTextAsync(new Regex(@"^\d+$"));
        await AssertAccessibleAsync(ops, "outcomes-per-clinic");

        var therapist = await session.SignInAsync("therapist-north");
        await Assertions.Expect(therapist.GetByRole(AriaRole.Link, new() { Name = "Outcomes", Exact = true })).ToHaveCountAsync(0);
        await therapist.GotoAsync("/outcomes");
        await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Not allowed for your role" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_ops_dashboard_shows_a_stopped_service_within_its_refresh_and_an_error_queue_with_the_replay_command()
    {
        const string errorQueue = "programs-ops-probe_error";
        var ops = await session.SignInAsync("ops");
        await Assertions.Expect(ops.GetByRole(AriaRole.Heading, new() { Name = "Ops dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(ops.GetByText("Requests per second", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(ops.GetByRole(AriaRole.Button, new() { Name = "Pause auto-refresh" })).ToBeVisibleAsync();
        var pageLoads = 0;
        ops.Load += (_, _) => pageLoads++;

        await session.Platform.Broker.DeclareQueueAsync("/", errorQueue);
        await session.Platform.Broker.PublishToQueueAsync("/", errorQueue, "{}", "application/json", Guid.NewGuid());
        await session.Platform.KillAsync("form");
        try
        {
            // No reload: the page's own refresh brings the news.
            await Assertions.Expect(ops.Locator(".attention").GetByText("form is not ready")).ToBeVisibleAsync(new() { Timeout = 45_000 });
            await Assertions.Expect(ops.Locator(".attention code", new() { HasText = "deploy/replay-errors.sh programs-ops-probe" })).ToBeVisibleAsync(new() { Timeout = 45_000 });
            await Assertions.Expect(ops.GetByRole(AriaRole.Row, new() { Name = "form" }).GetByText("Not ready")).ToBeVisibleAsync();
            Assert.Equal(0, pageLoads);
            await AssertAccessibleAsync(ops, "ops-dashboard-attention");
        }
        finally
        {
            session.Platform.Restart("form");
            await session.Platform.Broker.DeleteQueueAsync("/", errorQueue);
            using var health = new HttpClient { BaseAddress = session.Platform.Gateway };
            await Eventually.MatchAsync(async () =>
            {
                try { return (await health.GetAsync("health")).IsSuccessStatusCode; }
                catch (HttpRequestException) { return false; }
            }, ready => ready, Within, "Form back behind the gateway");
        }
        await Assertions.Expect(ops.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
        await ops.GotoAsync("/audit");
        await Assertions.Expect(ops.GetByRole(AriaRole.Heading, new() { Name = "Not allowed for your role" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_chain_admin_filters_the_audit_log_by_patient_and_outcome()
    {
        var (patientId, _) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        using (var south = await session.Platform.ClientAsync("therapist-south"))
            Assert.Equal(HttpStatusCode.NotFound, (await south.GetAsync($"api/intake/patients/{patientId}")).StatusCode);
        var admin = await session.SignInAsync("chain-admin");

        await admin.GotoAsync("/audit");
        await admin.GetByLabel("Patient id").FillAsync(patientId.ToString());
        await admin.GetByLabel("Outcome").SelectOptionAsync("Denied");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show entries" }).ClickAsync();

        var rows = admin.Locator("table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("u-therapist-south");
        await Assertions.Expect(rows.First).ToContainTextAsync("Denied");
        await AssertAccessibleAsync(admin, "audit-log");
        await admin.GetByLabel("Patient id").FillAsync("not-an-id");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Show entries" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("Not a patient id")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_template_authored_and_published_at_one_clinic_is_assigned_from_another_and_its_history_says_what_changed()
    {
        var north = await session.SignInAsync("therapist-north");
        var name = "Hip focus " + Suffix();
        await north.GotoAsync("/templates");
        await north.GetByRole(AriaRole.Link, new() { Name = "New template" }).ClickAsync();
        await north.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await north.GetByLabel("Shared with").SelectOptionAsync("chain");
        await AddToPhaseAsync(north, 1, "clamshell-band");
        await north.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        // Three phases without an exercise: the API's field errors come back and nothing is stored.
        await Assertions.Expect(north.GetByRole(AriaRole.Alert).GetByText("At least one exercise.").First).ToBeVisibleAsync();
        await AddToPhaseAsync(north, 1, "wall-sit-isometric");
        await AddToPhaseAsync(north, 2, "split-squat-static-lunge");
        await AddToPhaseAsync(north, 3, "reverse-lunge");
        await AddToPhaseAsync(north, 4, "metronome-cadence-run");
        await Assertions.Expect(north.GetByRole(AriaRole.Group, new() { Name = "Phase 1: settle" }).GetByText("Clamshell with band", new() { Exact = true })).ToBeVisibleAsync();
        await AssertAccessibleAsync(north, "template-builder");
        await north.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(north.GetByText("Saved as a draft.")).ToBeVisibleAsync();
        await north.GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
        await Assertions.Expect(north.GetByText("Published: every clinic it is shared with can assign it now.")).ToBeVisibleAsync();
        var templateId = Guid.Parse(Regex.Match(north.Url, "/templates/([0-9a-f-]{36})").Groups[1].Value);

        await north.GetByRole(AriaRole.Link, new() { Name = "Edit (makes version 2)" }).ClickAsync();
        await north.GetByLabel("Sets").First.FillAsync("4");
        await north.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(north.GetByText("Phase 1: Clamshell with band: 3 x 15 → 4 x 15")).ToBeVisibleAsync();
        await AssertAccessibleAsync(north, "template-detail");

        var (southPatient, _) = await OnboardThroughApiAsync(DemoUsers.SouthClinic, "therapist-south");
        var south = await session.SignInAsync("therapist-south");
        await south.GotoAsync("/templates");
        await Assertions.Expect(south.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await AssertAccessibleAsync(south, "templates");
        await south.GotoAsync($"/patients/{southPatient}");
        await south.GetByLabel("Template", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = templateId.ToString() });
        await south.GetByLabel("Starting phase").SelectOptionAsync("2");
        await south.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(south.GetByText("Template assigned")).ToBeVisibleAsync();
        await Assertions.Expect(south.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(south.GetByText("Phase 2: strengthen")).ToBeVisibleAsync();

        // The South clinic's list of who follows which template now names this patient on version 1, the published one.
        await south.GotoAsync("/templates?tab=in-use");
        await Assertions.Expect(south.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).GetByText("v1")).ToBeVisibleAsync();
        await AssertAccessibleAsync(south, "templates-in-use");
    }

    [Fact]
    public async Task The_exercise_library_filters_by_body_region_and_a_clinic_adds_its_own_exercise()
    {
        var therapist = await session.SignInAsync("therapist-north");
        await therapist.GotoAsync("/exercises");
        await therapist.GetByLabel("Body region").SelectOptionAsync("hip");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Show exercises" }).ClickAsync();
        await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Clamshell with band" })).ToBeVisibleAsync();
        await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Foam roller: calf" })).ToHaveCountAsync(0);
        await AssertAccessibleAsync(therapist, "exercise-library");

        var code = "north-heel-slide-" + Suffix();
        await therapist.GetByRole(AriaRole.Link, new() { Name = "Add a clinic exercise" }).ClickAsync();
        await therapist.GetByLabel("Name").FillAsync("Towel heel slide");
        await therapist.GetByLabel(new Regex("^Code")).FillAsync(code);
        await therapist.GetByLabel("Kind").SelectOptionAsync("knee-strength");
        await therapist.GetByLabel("Body region").SelectOptionAsync("knee");
        await therapist.GetByLabel("Instructions").FillAsync("Slide the heel towards you on a towel, then back.");
        await therapist.GetByLabel("What to feel").FillAsync("The front of the thigh working as the knee bends.");
        await therapist.GetByLabel("Reps (or a hold)").FillAsync("12");
        await therapist.GetByLabel("1: settle").CheckAsync();
        await AssertAccessibleAsync(therapist, "exercise-new");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Add the exercise" }).ClickAsync();
        await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Towel heel slide" })).ToBeVisibleAsync();
        await Assertions.Expect(therapist.GetByText("Clinic exercise", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_capture_uploaded_from_a_file_shows_per_leg_results_and_figures_and_a_second_capture_is_compared_with_the_first()
    {
        var (patientId, _) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        var lowCadence = await CaptureFileAsync(new RunnerSpec { Cadence = 158, KneeFlexionAtContact = 24, RightKneeFlexionAtContact = 9, Seconds = 12 });
        var faster = await CaptureFileAsync(new RunnerSpec { Cadence = 176, KneeFlexionAtContact = 24, RightKneeFlexionAtContact = 22, Seconds = 12 });
        try
        {
            var therapist = await session.SignInAsync("therapist-north");
            await therapist.GotoAsync($"/patients/{patientId}/form");
            await Assertions.Expect(therapist.GetByText("No captures yet.")).ToBeVisibleAsync();

            // BlazePose points are fractions of the image: without its size the upload is refused, the reason beside the size.
            await FillCaptureAsync(therapist, lowCadence, view: "side-facing-right", width: null);
            await Assertions.Expect(therapist.Locator("#size-error")).ToContainTextAsync("Required for BlazePose");
            // A runner filmed moving right but declared as moving left would mirror every metric: refused beside the view.
            await FillCaptureAsync(therapist, lowCadence, view: "side-facing-left", width: 1000);
            await Assertions.Expect(therapist.Locator("#view-error")).ToContainTextAsync("The runner moves to the right");
            await AssertAccessibleAsync(therapist, "capture-upload-refused");

            await FillCaptureAsync(therapist, lowCadence, view: "side-facing-right", width: 1000);
            await therapist.WaitForURLAsync(new Regex($"/patients/{patientId}/form/[0-9a-f-]{{36}}"));
            await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Metrics per leg" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var knee = therapist.GetByRole(AriaRole.Row).Filter(new() { HasText = "Knee bend at contact" });
            // The right knee (the painful one at intake) lands nearly straight; the left does not.
            await Assertions.Expect(knee.Locator("td").Nth(1)).ToContainTextAsync("(outside)");
            await Assertions.Expect(knee.Locator("td").Nth(0)).Not.ToContainTextAsync("(outside)");
            await Assertions.Expect(therapist.GetByRole(AriaRole.Columnheader, new() { Name = "Right (painful knee)" })).ToBeVisibleAsync();
            var flags = therapist.Locator(".flag-list li");
            await Assertions.Expect(flags.Filter(new() { HasText = "Low cadence" })).ToContainTextAsync("Cue:");
            await Assertions.Expect(flags.Filter(new() { HasText = "Straight knee landing (right leg only)" })).ToBeVisibleAsync();
            await Assertions.Expect(therapist.GetByText(new Regex(@"target \d+ steps/min"))).ToBeVisibleAsync();
            await Assertions.Expect(therapist.Locator(".stick-figure")).ToHaveCountAsync(4);
            await AssertAccessibleAsync(therapist, "capture-result");

            await therapist.GetByRole(AriaRole.Link, new() { Name = "← All captures" }).ClickAsync();
            await FillCaptureAsync(therapist, faster, view: "side-facing-right", width: 1000);
            await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Metrics per leg" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await therapist.GetByRole(AriaRole.Link, new() { Name = "← All captures" }).ClickAsync();
            await Assertions.Expect(therapist.GetByRole(AriaRole.Region, new() { Name = "Captures" }).Locator("tbody tr")).ToHaveCountAsync(2);
            await therapist.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
            var cadence = therapist.GetByRole(AriaRole.Row).Filter(new() { HasText = "Cadence" }).Filter(new() { HasText = "smallest detectable" });
            await Assertions.Expect(cadence).ToContainTextAsync("Increased");
            // The same reach and lean in both captures: below the smallest detectable difference.
            await Assertions.Expect(therapist.GetByRole(AriaRole.Row).Filter(new() { HasText = "Tibia angle at contact" }).Last).ToContainTextAsync("No detectable change");
            await Assertions.Expect(therapist.Locator(".trend")).Not.ToHaveCountAsync(0);
            await AssertAccessibleAsync(therapist, "capture-compare");
        }
        finally
        {
            File.Delete(lowCadence);
            File.Delete(faster);
        }
    }

    [Fact]
    public async Task A_checklist_by_eye_with_a_low_step_rate_schedules_the_cadence_drill_and_is_compared_item_by_item_with_a_capture()
    {
        var (patientId, _) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        using var api = await session.Platform.ClientAsync("therapist-north");
        var frames = SyntheticRunner.Render(SyntheticRunner.Frames(new RunnerSpec { Cadence = 160, Seconds = 10 }), KeypointFormat.BlazePose);
        var upload = await api.PostAsJsonAsync($"api/form/patients/{patientId}/captures", new { format = "blaze-pose", view = "side-facing-right", fps = 120, aspectRatio = 1, frames });
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);

        var therapist = await session.SignInAsync("therapist-north");
        await therapist.GotoAsync($"/patients/{patientId}/form");
        await therapist.GetByRole(AriaRole.Link, new() { Name = "Assess by eye (checklist)" }).ClickAsync();
        await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { Name = "Running-form checklist" })).ToBeVisibleAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await therapist.GetByLabel("Steps per minute").FillAsync("160");
        await therapist.GetByLabel("Over-striding, left leg").SelectOptionAsync("marked");
        await therapist.GetByLabel("Over-striding, right leg").SelectOptionAsync("mild");
        await therapist.GetByLabel("Tibia angle at loading, left leg", new() { Exact = true }).SelectOptionAsync("marked");
        await therapist.GetByLabel("Knee collapse, right leg", new() { Exact = true }).SelectOptionAsync("mild");
        await therapist.Locator("#relevant-knee-collapse").CheckAsync();
        await therapist.GetByLabel("Trunk lean, the runner", new() { Exact = true }).SelectOptionAsync("absent");
        await AssertAccessibleAsync(therapist, "form-checklist");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Save the checklist" }).ClickAsync();

        await Assertions.Expect(therapist.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Checklist by eye") })).ToBeVisibleAsync();
        await Assertions.Expect(therapist.GetByText(new Regex(@"target 172 steps/min"))).ToBeVisibleAsync();
        var flags = therapist.Locator(".flag-list li");
        await Assertions.Expect(flags.Filter(new() { HasText = "Low cadence" })).ToContainTextAsync("Cue:");
        await Assertions.Expect(flags.Filter(new() { HasText = "Overstride (left leg)" })).ToBeVisibleAsync();
        await Assertions.Expect(flags.Filter(new() { HasText = "Dynamic knee valgus (right leg)" })).ToBeVisibleAsync();
        TestEnvironment.Report($"Checklist: filled and saved by the test in {started.Elapsed.TotalSeconds:0.0} s (a therapist's time is the watching)");

        var drill = await Eventually.MatchAsync(async () =>
        {
            var program = await api.GetFromJsonAsync<JsonElement>($"api/programs/patients/{patientId}/program");
            return program.GetProperty("scheduledDrills").EnumerateArray().FirstOrDefault(d => d.GetProperty("exerciseCode").GetString() == "metronome-cadence-run");
        }, d => d.ValueKind == JsonValueKind.Object, Within, "the cadence drill scheduled for return to run");
        Assert.InRange(drill.GetProperty("targetCadence").GetInt32(), 168, 176);

        await Eventually.MatchAsync(async () =>
        {
            await therapist.ReloadAsync();
            return await therapist.GetByLabel("Capture", new() { Exact = true }).CountAsync();
        }, count => count == 1, Within, "the capture analysed");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        // The synthetic runner reaches ahead (the ankle lands ahead of the knee): the capture flags it too.
        var comparison = therapist.GetByRole(AriaRole.Region, new() { Name = "Compare with a pose capture" });
        await Assertions.Expect(comparison.GetByRole(AriaRole.Row).Filter(new() { HasText = "Tibia angle at loading" })).ToContainTextAsync(new Regex(@"°[\s\S]*Agree"));
        await Assertions.Expect(comparison.GetByRole(AriaRole.Row).Filter(new() { HasText = "Knee collapse" })).ToContainTextAsync("Not measured by the capture");
        await Assertions.Expect(therapist.GetByText(new Regex("Step rate counted 160 steps/min, cadence measured"))).ToBeVisibleAsync();
        await AssertAccessibleAsync(therapist, "form-checklist-result");

        await therapist.GotoAsync($"/patients/{patientId}/form");
        await Assertions.Expect(therapist.GetByRole(AriaRole.Region, new() { Name = "Checklists by eye" }).Locator("tbody tr")).ToHaveCountAsync(1);
    }

    /// <summary>A synthetic runner's BlazePose keypoints as a file, the way a phone app would save them (x and y as fractions of a square image).</summary>
    private static async Task<string> CaptureFileAsync(RunnerSpec spec)
    {
        var path = Path.Combine(Path.GetTempPath(), $"capture-{Suffix()}.json");
        var frames = SyntheticRunner.Render(SyntheticRunner.Frames(spec), KeypointFormat.BlazePose);
        await File.WriteAllTextAsync(path, new System.Text.Json.Nodes.JsonObject { ["frames"] = frames }.ToJsonString());
        return path;
    }

    private static async Task FillCaptureAsync(IPage page, string file, string view, int? width)
    {
        await page.GetByLabel("Keypoint file").SetInputFilesAsync(file);
        await page.GetByLabel("Pose model").SelectOptionAsync("blaze-pose");
        await page.GetByLabel("Filmed from").SelectOptionAsync(view);
        await page.GetByLabel("Frames per second").FillAsync("120");
        await page.GetByLabel("Video width, px").FillAsync(width?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        await page.GetByLabel("Video height, px").FillAsync(width?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and analyse" }).ClickAsync();
    }

    private static async Task AddToPhaseAsync(IPage page, int phase, string exerciseCode)
    {
        var rows = page.Locator(".builder-row");
        var before = await rows.CountAsync();
        await page.GetByLabel($"Add an exercise to phase {phase}").SelectOptionAsync(exerciseCode);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Add to phase {phase}" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1);
    }

    private async Task AssertAccessibleAsync(IPage page, string name)
    {
        var serious = await session.CheckPageAsync(page, name);
        Assert.True(serious.Count == 0, $"{name}: " + string.Join(" | ", serious));
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    private static async Task FillRegistrationAsync(IPage page, string given, string family, string birthDate = "1990-05-17")
    {
        await page.GetByLabel("Given name").FillAsync(given);
        await page.GetByLabel("Family name").FillAsync(family);
        await page.GetByLabel("Birth date").FillAsync(birthDate);
        await page.GetByLabel("Sex").SelectOptionAsync("female");
    }

    private async Task<Guid> RegisterAsync(IPage page, string given, string family, string screenshot)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Register patient" }).ClickAsync();
        await FillRegistrationAsync(page, given, family);
        await page.GetByLabel("Record number (optional)").FillAsync("R-" + Suffix());
        await AssertAccessibleAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/patients/[0-9a-f-]{36}/intake"));
        Assert.DoesNotContain(family, page.Url, StringComparison.OrdinalIgnoreCase);
        return Guid.Parse(Regex.Match(page.Url, "/patients/([0-9a-f-]{36})/").Groups[1].Value);
    }

    /// <summary>Answers every AKPS item with its first option (no symptoms), every red flag "no" unless one is named.</summary>
    private static async Task SubmitIntakeAsync(IPage page, string? redFlag)
    {
        // After an enhanced navigation the questions arrive a moment later; AllAsync does not wait for them.
        await page.Locator("fieldset.question").First.WaitForAsync();
        foreach (var question in await page.Locator("fieldset.question").AllAsync())
            await question.Locator("input[type=radio]").First.CheckAsync();
        await page.GetByLabel("Now", new() { Exact = true }).FillAsync("4");
        await page.GetByLabel("Worst in the last week").FillAsync("6");
        await page.GetByLabel("While running").FillAsync("5");
        await page.GetByLabel("Affected side").SelectOptionAsync("right");
        await page.GetByLabel("Symptoms for (weeks)").FillAsync("8");
        await page.GetByLabel("Weekly distance (km)").FillAsync("25");
        await page.GetByLabel("Years running").FillAsync("4");
        foreach (var no in await page.Locator("input[type=radio][value=false][name^='Answers.RedFlags']").AllAsync())
            await no.CheckAsync();
        if (redFlag is not null)
            await page.Locator($"#rf-{redFlag}-yes").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit intake" }).ClickAsync();
        try
        {
            await page.Locator("section.result, .alert-error").First.WaitForAsync();
        }
        catch (Exception failure) when (failure is TimeoutException or PlaywrightException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalSession.ScreenshotFolder, "failed-intake.png"), FullPage = true });
            throw;
        }
        var refused = page.Locator(".alert-error");
        Assert.True(await refused.CountAsync() == 0, "the intake was refused: " + string.Join(" | ", await refused.AllInnerTextsAsync()) +
            " | " + string.Join(" | ", await page.Locator(".field-error").AllInnerTextsAsync()));
    }

    private static async Task LogSessionAsync(IPage page, int painDuring)
    {
        await page.GetByLabel("Before", new() { Exact = true }).FillAsync("1");
        await page.GetByLabel("During", new() { Exact = true }).FillAsync(painDuring.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("After", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("Minutes to settle back").FillAsync("20");
        var sessions = page.GetByRole(AriaRole.Region, new() { Name = "Sessions", Exact = true }).Locator("tbody tr");
        var before = await sessions.CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log session" }).ClickAsync();
        // The page after the post, not the message left by the previous one: the table has one more session.
        await Assertions.Expect(sessions).ToHaveCountAsync(before + 1);
        await Assertions.Expect(page.GetByText("Session logged.")).ToBeVisibleAsync();
    }

    /// <summary>Programs assigns the program from Intake's event; the page shows it once it is there.</summary>
    private static Task WaitForProgramAsync(IPage page, Guid patientId) =>
        Eventually.MatchAsync(async () =>
        {
            await page.GotoAsync($"/patients/{patientId}");
            return await page.GetByRole(AriaRole.Heading, new() { Name = "Current program" }).IsVisibleAsync()
                && await page.Locator(".exercise").CountAsync() > 0;
        }, shown => shown, Within, "the program on the patient page");

    private async Task<(Guid PatientId, string Family)> OnboardThroughApiAsync(Guid clinic, string user = "therapist-north")
    {
        using var api = await session.Platform.ClientAsync(user);
        var family = "Api" + Suffix();
        var registered = await api.PostAsJsonAsync("api/intake/patients", new
        {
            clinicId = clinic, givenName = "Cy", familyName = family, birthDate = "1985-03-02", sex = "male", preferredLanguage = "en",
        });
        registered.EnsureSuccessStatusCode();
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var scope in new[] { "treatment", "form-analysis" })
            (await api.PostAsJsonAsync($"api/intake/patients/{id}/consents", new { scope, granted = true, version = "2026-01" })).EnsureSuccessStatusCode();
        var questionnaire = await api.GetFromJsonAsync<JsonElement>("api/intake/questionnaires/akps");
        var akps = questionnaire.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("options")[0].GetProperty("code").GetString());
        var redFlags = PatientIntakeRedFlags().ToDictionary(f => f, _ => false);
        (await api.PostAsJsonAsync($"api/intake/patients/{id}/intakes", new
        {
            akps, nprs = new { now = 4, worstLastWeek = 6, whileRunning = 5 }, affectedSide = "right", symptomDurationWeeks = 8,
            running = new { isRunner = true, weeklyDistanceKm = 25, yearsRunning = 4, recentLoadChange = true }, redFlags,
        })).EnsureSuccessStatusCode();
        await Eventually.MatchAsync(async () => (await api.GetAsync($"api/sessions/patients/{id}/prescription")).StatusCode,
            status => status == HttpStatusCode.OK, Within, "the prescription in Sessions");
        // Form learns the patient from the same intake on its own queue, which may still be behind Sessions' (a CI run
        // uploaded a capture in between and got Form's 404).
        await Eventually.MatchAsync(async () => (await api.GetAsync($"api/form/patients/{id}/checklists")).StatusCode,
            status => status == HttpStatusCode.OK, Within, "the patient known to Form");
        return (id, family);
    }

    private static IEnumerable<string> PatientIntakeRedFlags() => Components.Pages.PatientIntake.RedFlagItems.Select(i => i.Field);

    /// <summary>A 30 fps capture of a runner at a low cadence: below 60 fps the finding waits for a therapist's approval.</summary>
    private async Task UploadLowReliabilityCaptureAsync(Guid patientId)
    {
        using var api = await session.Platform.ClientAsync("therapist-north");
        var frames = SyntheticRunner.Render(SyntheticRunner.Frames(new RunnerSpec { Cadence = 160, Seconds = 10, Fps = 30 }), KeypointFormat.BlazePose);
        var upload = await api.PostAsJsonAsync($"api/form/patients/{patientId}/captures", new { format = "blaze-pose", view = "side-facing-right", fps = 30, aspectRatio = 1, frames });
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
    }
}
