using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RehabPlatform.Portal.Tests;

/// <summary>The patients' app at a phone's width, through the gateway: sign-in with a code, logging, check-ins, progress.</summary>
public sealed partial class PortalFlowTests
{
    private const int PhoneWidth = 390;

    [Fact]
    public async Task A_patient_signs_in_with_a_code_on_a_phone_logs_two_sessions_with_morning_check_ins_and_the_therapist_sees_the_proposal()
    {
        var (patientId, family) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        using var api = await session.Platform.ClientAsync("therapist-north");
        await AssignApprovalTemplateAsync(api, patientId);

        var therapist = await session.SignInAsync("therapist-north");
        await therapist.GotoAsync($"/patients/{patientId}/app");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Invite to the home app" }).ClickAsync();
        var code = (await therapist.Locator(".code-handout .code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);
        await AssertAccessibleAsync(therapist, "patient-app-invite");

        var phone = await PhoneAsync();
        await phone.GotoAsync("/my");
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex("/my/join$"));
        await AssertAccessibleAsync(phone, "my-join");
        await phone.GetByLabel("Your code").FillAsync(code.ToLowerInvariant());
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
        await AssertAccessibleAsync(phone, "my-today");
        await AssertFitsPhoneAsync(phone);

        // Yesterday's session and this morning's answer, then today's session, resent once by a flaky connection.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        // Yesterday evening at the clinic, whatever the time of day the test runs: the app asks about it this morning.
        var yesterday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date.AddDays(-1).AddHours(18).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await LogSessionOnPhoneAsync(phone, yesterday, screenshot: "my-log");
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Morning check-in") }).First).ToBeVisibleAsync();
        await CheckInOnPhoneAsync(phone, worse: false, screenshot: "my-check-in");
        await Assertions.Expect(phone.GetByText("Check-in saved.")).ToBeVisibleAsync();

        await phone.GotoAsync("/my/log");
        await FillSessionAsync(phone, performedAt: null);
        var resend = await phone.EvaluateAsync<Dictionary<string, string>>(
            "() => Object.fromEntries(new FormData(document.querySelector('form.my-form')).entries())");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Session logged.")).ToBeVisibleAsync();
        var form = phone.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in resend)
            form.Append(name, value);
        var again = await phone.Context.APIRequest.PostAsync("/my/log", new() { Multipart = null, Form = form, MaxRedirects = 0 });
        Assert.True(again.Status is 200 or 302, $"the resend answered {again.Status}");
        await CheckInOnPhoneAsync(phone, worse: false, screenshot: null);

        var sessions = await api.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{patientId}/sessions");
        Assert.Equal(2, sessions.GetArrayLength());
        Assert.All(sessions.EnumerateArray(), s => Assert.Equal("home", s.GetProperty("setting").GetString()));

        await Eventually.MatchAsync(async () =>
        {
            await therapist.GotoAsync("/worklist");
            return await therapist.GetByRole(AriaRole.Row).Filter(new() { HasText = family }).GetByText("Proposal waiting").CountAsync();
        }, rows => rows == 1, Within, "the engine's proposal on the therapist's worklist");
        await AssertAccessibleAsync(therapist, "worklist-patient-proposal");

        await phone.GotoAsync("/my/progress");
        await Assertions.Expect(phone.GetByText("Your therapist is looking at a change to your program.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(phone, "my-progress");
        await AssertFitsPhoneAsync(phone);

        await phone.GotoAsync("/my/more");
        await AssertAccessibleAsync(phone, "my-more");
        await phone.Locator(".my-consent").Filter(new() { HasText = "Analysis of running videos" }).GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Your consent is withdrawn.")).ToBeVisibleAsync();
        var consents = await api.GetFromJsonAsync<JsonElement>($"api/intake/patients/{patientId}/consents");
        Assert.Contains(consents.GetProperty("current").EnumerateArray(), c => c.GetProperty("scope").GetString() == "form-analysis" && !c.GetProperty("granted").GetBoolean());

        var calendar = await phone.Context.APIRequest.GetAsync("/my/calendar.ics?hour=7");
        Assert.Equal(200, calendar.Status);
        Assert.StartsWith("text/calendar", calendar.Headers["content-type"], StringComparison.Ordinal);
        var ics = await calendar.TextAsync();
        Assert.Equal(3, Regex.Matches(ics, "BEGIN:VEVENT").Count);
        Assert.DoesNotContain(family, ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flare_in_the_morning_check_in_holds_the_program_and_the_patient_reads_why()
    {
        var (patientId, _) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        using var api = await session.Platform.ClientAsync("therapist-north");
        var phone = await SignInOnPhoneAsync(api, patientId);
        // Before return to run and before any questionnaire, those pages say so.
        await phone.GotoAsync("/my/run");
        await Assertions.Expect(phone.GetByText("Running comes back at the last stage of your program")).ToBeVisibleAsync();
        await AssertAccessibleAsync(phone, "my-run-not-yet");
        await phone.GotoAsync("/my/follow-up");
        await Assertions.Expect(phone.GetByText("No questionnaire to fill in.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(phone, "my-follow-up-none");
        await phone.GotoAsync("/my");
        if (await phone.Locator("[data-hold-seconds]").CountAsync() > 0)
        {
            await phone.Locator("[data-hold-seconds]").First.ClickAsync();
            await Assertions.Expect(phone.Locator("[data-hold-seconds]").First).ToContainTextAsync("Hold");
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        await LogSessionOnPhoneAsync(phone, TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(-16), zone).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), screenshot: null);
        await CheckInOnPhoneAsync(phone, worse: true, screenshot: "my-check-in-flare", flareHours: 10);

        var hold = await Eventually.MatchAsync(async () =>
        {
            var decisions = await api.GetFromJsonAsync<JsonElement>($"api/programs/patients/{patientId}/program/decisions");
            return decisions.EnumerateArray().FirstOrDefault(d => d.GetProperty("decision").GetString() == "hold");
        }, d => d.ValueKind == JsonValueKind.Object, Within, "the engine holding the program after the flare");
        Assert.Equal("applied", hold.GetProperty("status").GetString());

        await phone.GotoAsync("/my/progress");
        await Assertions.Expect(phone.Locator(".my-card")).ToContainTextAsync(hold.GetProperty("explanation").GetString()!);
        await AssertAccessibleAsync(phone, "my-progress-held");
    }

    [Fact]
    public async Task A_runner_back_to_running_logs_a_run_the_therapist_sees_the_missing_check_in_and_a_questionnaire_the_therapist_sends_to_the_app_is_answered()
    {
        var (patientId, family) = await OnboardThroughApiAsync(DemoUsers.NorthClinic);
        using var api = await session.Platform.ClientAsync("therapist-north");
        (await api.PostAsJsonAsync($"api/programs/patients/{patientId}/program/readiness",
            new { briskWalk30MinutesPainFree = true, dailyPainAtMost2 = true, singleLegTasksPainFree = true })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"api/programs/patients/{patientId}/program/override", new { phase = 4, reasonCode = "clinical-judgement" })).EnsureSuccessStatusCode();
        await Eventually.MatchAsync(async () => (await api.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{patientId}/prescription")).GetProperty("phase").GetInt32(),
            phase => phase == 4, Within, "return to run in Sessions");

        var phone = await SignInOnPhoneAsync(api, patientId);
        await Assertions.Expect(phone.Locator(".my-exercise").Filter(new() { HasText = "Walk/run" })).ToContainTextAsync("Stage 1 of 6: 2 min walk / 3 min run, 4 times");
        await AssertAccessibleAsync(phone, "my-today-running");
        await phone.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Log a run") }).First.ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Walk/run stage 1 of 6" })).ToBeVisibleAsync();
        // A run the day before yesterday, and no check-in since: the therapist should see that morning missing.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        await phone.GetByLabel("When").FillAsync(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(-40), zone).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await phone.GetByLabel("Minutes running").FillAsync("12");
        await phone.GetByLabel("Distance in km").FillAsync("2.4");
        await phone.GetByLabel("Knee pain at its worst while running").FillAsync("1");
        await AssertAccessibleAsync(phone, "my-run");
        await AssertFitsPhoneAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save run" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Run logged.")).ToBeVisibleAsync();

        var therapist = await session.SignInAsync("therapist-north");
        await Eventually.MatchAsync(async () =>
        {
            await therapist.GotoAsync("/worklist");
            return await therapist.GetByRole(AriaRole.Row).Filter(new() { HasText = family }).GetByText("Morning check-in missing").CountAsync();
        }, rows => rows == 1, Within, "the missing morning check-in on the therapist's worklist");
        await AssertAccessibleAsync(therapist, "worklist-check-in-missing");

        await phone.GotoAsync("/my");
        await phone.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("after your run of") }).ClickAsync();
        await CheckInOnPhoneAsync(phone, worse: false, screenshot: null);
        await phone.GotoAsync("/my/run");
        await Assertions.Expect(phone.Locator(".my-runs li").First).ToContainTextAsync("12 min, 2.4 km");
        await Assertions.Expect(phone.Locator(".my-runs li").First).ToContainTextAsync("Next morning: pain 1/10");
        await Eventually.MatchAsync(async () =>
        {
            await phone.ReloadAsync();
            return await phone.GetByText("inside the limits: 1 of 2").CountAsync();
        }, count => count == 1, Within, "the run counted towards its stage by the engine");

        // The therapist sends the questionnaire from the Home app tab, takes it back, and sends it again.
        await therapist.GotoAsync($"/patients/{patientId}/app");
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Send the questionnaire" }).ClickAsync();
        await Assertions.Expect(therapist.GetByText("Questionnaire sent")).ToBeVisibleAsync();
        await Assertions.Expect(therapist.GetByText("Waiting for the answer")).ToBeVisibleAsync();
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Cancel the questionnaire" }).ClickAsync();
        await Assertions.Expect(therapist.GetByText("Questionnaire cancelled")).ToBeVisibleAsync();
        await therapist.GetByRole(AriaRole.Button, new() { Name = "Send the questionnaire" }).ClickAsync();
        await Assertions.Expect(therapist.GetByText("Waiting for the answer")).ToBeVisibleAsync();
        await AssertAccessibleAsync(therapist, "patient-app-questionnaire");
        var requests = await api.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{patientId}/follow-up-requests");
        Assert.Equal(["open", "cancelled"], requests.EnumerateArray().Select(r => r.GetProperty("status").GetString()));

        await phone.GotoAsync("/my");
        await phone.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Knee questionnaire") }).ClickAsync();
        var questions = phone.Locator("fieldset.question");
        await Assertions.Expect(questions.First).ToBeVisibleAsync();
        for (var i = 0; i < await questions.CountAsync(); i++)
            await questions.Nth(i).Locator("input[type=radio]").First.CheckAsync();
        await phone.GetByLabel("Knee pain now").FillAsync("1");
        await AssertAccessibleAsync(phone, "my-follow-up");
        await AssertFitsPhoneAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("your answers reached your therapist")).ToBeVisibleAsync();

        var outcome = Assert.Single((await api.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{patientId}/timeline")).GetProperty("outcomes").EnumerateArray());
        Assert.True(outcome.GetProperty("selfReported").GetBoolean());
        await therapist.GotoAsync($"/patients/{patientId}/follow-up");
        await Assertions.Expect(therapist.GetByText("By the patient, in the app")).ToBeVisibleAsync();
        await therapist.GotoAsync($"/patients/{patientId}/app");
        await Assertions.Expect(therapist.GetByText("Answered in the app:")).ToBeVisibleAsync();
        await Assertions.Expect(therapist.GetByRole(AriaRole.Button, new() { Name = "Send the questionnaire" })).ToBeVisibleAsync();
    }

    private async Task<IPage> SignInOnPhoneAsync(HttpClient api, Guid patientId)
    {
        var invitation = await api.PostAsync($"api/intake/patients/{patientId}/app-access", null);
        var code = (await invitation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var phone = await PhoneAsync();
        await phone.GotoAsync("/my/join");
        await phone.GetByLabel("Your code").FillAsync(code);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
        return phone;
    }

    private async Task<IPage> PhoneAsync()
    {
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = session.Platform.Gateway.ToString(), ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        return await context.NewPageAsync();
    }

    private static async Task AssertFitsPhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= PhoneWidth, $"{page.Url} is {width} px wide on a {PhoneWidth} px screen");
    }

    private async Task LogSessionOnPhoneAsync(IPage phone, string? performedAt, string? screenshot)
    {
        await phone.GotoAsync("/my/log");
        await FillSessionAsync(phone, performedAt);
        if (screenshot is not null)
            await AssertAccessibleAsync(phone, screenshot);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Session logged.")).ToBeVisibleAsync();
    }

    private static async Task FillSessionAsync(IPage phone, string? performedAt)
    {
        if (performedAt is not null)
            await phone.GetByLabel("When").FillAsync(performedAt);
        await phone.GetByLabel("Before you started").FillAsync("1");
        await phone.GetByLabel("At its worst while exercising").FillAsync("3");
        await phone.GetByLabel("Just after").FillAsync("2");
        await phone.GetByLabel("Minutes until the pain settled back").FillAsync("10");
    }

    private async Task CheckInOnPhoneAsync(IPage phone, bool worse, string? screenshot, int? flareHours = null)
    {
        await phone.GotoAsync("/my/check-in");
        await phone.GetByLabel(worse ? "Yes, worse" : "No, the same or better").CheckAsync();
        await phone.GetByLabel("Knee pain now").FillAsync(worse ? "4" : "1");
        await phone.GetByLabel("Knee pain in daily life yesterday").FillAsync("1");
        if (flareHours is { } hours)
            await phone.GetByLabel("If it flared up").FillAsync(hours.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (screenshot is not null)
            await AssertAccessibleAsync(phone, screenshot);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Save check-in" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("Check-in saved.")).ToBeVisibleAsync();
    }

    /// <summary>
    /// A clinic template that proposes every phase change and checks the exit criteria after two calm sessions: the
    /// engine then proposes, and a therapist decides (the default template steps the dose up by itself first).
    /// </summary>
    private static async Task AssignApprovalTemplateAsync(HttpClient api, Guid patientId)
    {
        var created = await api.PostAsJsonAsync("api/programs/templates", new
        {
            authorClinicId = DemoUsers.NorthClinic, name = "Approval first " + Suffix(), description = "Every phase change waits for a therapist.", visibility = "clinic",
            tags = new[] { "runners-knee" }, sessionsPerWeek = 3,
            phases = Enumerable.Range(1, 4).Select(p => new { phase = p, exercises = new[] { new { exerciseCode = p < 3 ? "clamshell-band" : "a-skip-drill", sets = 3, reps = 12 } } }),
            settings = new { requireApproval = true, maxDoseSteps = 0, minimumDaysInPhase = 0, lowDailyPainDays = 2, dailyReportsNeeded = 1, flareFreeSessions = 2 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var templateId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("templateId").GetGuid();
        (await api.PostAsync($"api/programs/templates/{templateId}/publish", null)).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync($"api/programs/patients/{patientId}/program", new { templateId, phase = 1 })).EnsureSuccessStatusCode();
        await Eventually.MatchAsync(async () =>
        {
            var prescription = await api.GetFromJsonAsync<JsonElement>($"api/sessions/patients/{patientId}/prescription");
            return prescription.GetProperty("prescription").GetProperty("exercises").EnumerateArray().Select(e => e.GetProperty("exerciseCode").GetString()).ToList();
        }, codes => codes is ["clamshell-band"], Within, "the approval template's prescription in Sessions");
    }
}
