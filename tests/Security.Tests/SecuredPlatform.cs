using Microsoft.Data.Sqlite;
using RehabPlatform.Clinical;
using RehabPlatform.Form.Model.Analysis;
using RehabPlatform.Form.Model.Synthetic;

namespace RehabPlatform.SecurityTests;

[CollectionDefinition(Name)]
public sealed class SecuredPlatformCollection : ICollectionFixture<SecuredPlatform>
{
    public const string Name = "secured platform";
}

/// <summary>
/// The whole platform as processes behind the gateway, with a North patient who has data in every service (a program,
/// a session, a pain report, a form capture), a second North patient, one for the fuzzer, and the four OpenAPI
/// documents read through the gateway. The rate limit is raised: the fuzzer sends thousands of requests as one caller.
/// </summary>
public sealed class SecuredPlatform : IAsyncLifetime
{
    public static readonly string[] ServiceNames = ["intake", "programs", "sessions", "form"];

    public Platform Platform { get; } = new();

    public Patient North { get; private set; } = null!;

    public Patient OtherNorth { get; private set; } = null!;

    /// <summary>The fuzzer's own patient: its accepted requests (a transfer, a new name) change this one, never the others.</summary>
    public Patient FuzzTarget { get; private set; } = null!;

    public Guid TemplateId { get; private set; }

    /// <summary>Tokens the North patients got by redeeming their invitations, as their phones would.</summary>
    public string NorthPatientToken { get; private set; } = null!;

    public string OtherNorthPatientToken { get; private set; } = null!;

    public IReadOnlyList<ApiOperation> Operations { get; private set; } = [];

    public sealed record Patient(Guid Id, string FamilyName, string Email, Guid CaptureId);

    public async Task InitializeAsync()
    {
        Platform.GatewaySettings["Gateway__RateLimitPermits"] = "1000000";
        await Platform.InitializeAsync();
        using var therapist = await Platform.ClientAsync("therapist-north");
        North = await OnboardAsync(therapist);
        OtherNorth = await OnboardAsync(therapist);
        FuzzTarget = await OnboardAsync(therapist);
        var templates = await therapist.GetFromJsonAsync<JsonElement>("api/programs/templates");
        TemplateId = templates.GetProperty("items")[0].GetProperty("templateId").GetGuid();
        NorthPatientToken = (await SignInPatientAsync(therapist, North.Id)).GetProperty("accessToken").GetString()!;
        OtherNorthPatientToken = (await SignInPatientAsync(therapist, OtherNorth.Id)).GetProperty("accessToken").GetString()!;

        using var anonymous = new HttpClient { BaseAddress = Platform.Gateway };
        var operations = new List<ApiOperation>();
        foreach (var service in ServiceNames)
            operations.AddRange(ApiOperation.FromDocument(service, await anonymous.GetFromJsonAsync<JsonElement>($"api/{service}/openapi/v1.json")));
        Operations = operations;
        await QuietAsync();
    }

    public Task DisposeAsync() => Platform.DisposeAsync();

    /// <summary>The clinic invites the patient and the patient redeems the code: the patient's session (token, refresh token).</summary>
    public async Task<JsonElement> SignInPatientAsync(HttpClient staff, Guid patientId)
    {
        var invitation = await staff.PostAsync($"api/intake/patients/{patientId}/app-access", null);
        Assert.Equal(HttpStatusCode.Created, invitation.StatusCode);
        var code = (await invitation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        using var phone = new HttpClient { BaseAddress = Platform.Gateway };
        var session = await phone.PostAsJsonAsync("api/intake/patient-sessions", new { code });
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        return await session.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A value for a path parameter that names the North patient's data where the parameter is about it.</summary>
    public string ValueFor(ApiParameter parameter, Patient patient) => parameter.Name switch
    {
        "patientId" => patient.Id.ToString(),
        "captureId" => patient.CaptureId.ToString(),
        "clinicId" => DemoUsers.NorthClinic.ToString(),
        "templateId" => TemplateId.ToString(),
        "version" => "1",
        _ => parameter.Type == "integer" ? "1" : Guid.NewGuid().ToString(),
    };

    /// <summary>A read-only connection to a service's SQLite file, for counting what requests stored.</summary>
    public async Task<SqliteConnection> OpenDatabaseAsync(string service)
    {
        var connection = new SqliteConnection($"Data Source={Platform.DatabaseFile(service)};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Rows in every table of every service's database, except the audit log (which records refusals too).</summary>
    public async Task<IReadOnlyDictionary<string, long>> StoredRowsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var service in ServiceNames)
        {
            await using var connection = await OpenDatabaseAsync(service);
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('audit_log', '__EFMigrationsHistory')";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    tables.Add(reader.GetString(0));
            }
            foreach (var table in tables)
            {
                await using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                counts[$"{service}.{table}"] = (long)(await count.ExecuteScalarAsync())!;
            }
        }
        return counts;
    }

    /// <summary>Waits until no event is still on its way (the stored rows stop changing), so that a difference means a request stored something.</summary>
    public async Task<IReadOnlyDictionary<string, long>> QuietAsync()
    {
        var previous = await StoredRowsAsync();
        for (var i = 0; i < 60; i++)
        {
            await Task.Delay(500);
            var now = await StoredRowsAsync();
            if (now.SequenceEqual(previous))
                return now;
            previous = now;
        }
        throw new TimeoutException("the platform's databases kept changing for 30 s");
    }

    private async Task<Patient> OnboardAsync(HttpClient therapist)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var family = "Leakcheck" + suffix;
        var email = $"leak.{suffix}@example.org";
        var registered = await therapist.PostAsJsonAsync("api/intake/patients", new
        {
            clinicId = DemoUsers.NorthClinic, givenName = "Ottoline", familyName = family, birthDate = "1984-03-09", sex = "female",
            email, phone = "+31 6 5555 0199", preferredLanguage = "en",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var scope in new[] { "treatment", "form-analysis" })
            Assert.Equal(HttpStatusCode.Created, (await therapist.PostAsJsonAsync($"api/intake/patients/{id}/consents", new { scope, granted = true, version = "2026-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await therapist.PostAsJsonAsync($"api/intake/patients/{id}/intakes", Bodies.Intake())).StatusCode);

        var prescription = await Eventually.MatchAsync(async () =>
        {
            var response = await therapist.GetAsync($"api/sessions/patients/{id}/prescription");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, p => p.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60), "the prescription in Sessions");
        var code = prescription.GetProperty("prescription").GetProperty("exercises")[0].GetProperty("exerciseCode").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await therapist.PostAsJsonAsync($"api/sessions/patients/{id}/sessions", Bodies.Session(code))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await therapist.PostAsJsonAsync($"api/sessions/patients/{id}/pain-reports", Bodies.PainReport())).StatusCode);

        var frames = SyntheticRunner.Render(SyntheticRunner.Frames(new RunnerSpec { Cadence = 160, Seconds = 6 }), KeypointFormat.BlazePose);
        var upload = await Eventually.MatchAsync(
            () => therapist.PostAsJsonAsync($"api/form/patients/{id}/captures", new { format = "blaze-pose", view = "side-facing-right", fps = 120, aspectRatio = 1, frames }),
            r => r.StatusCode == HttpStatusCode.Accepted, TimeSpan.FromSeconds(30), "Form knowing the patient and the consent");
        var captureId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("captureId").GetGuid();
        return new Patient(id, family, email, captureId);
    }
}

/// <summary>Valid request bodies: the tenancy matrix sends them (so a refusal is never a validation error), and the fuzzer mutates them.</summary>
public static class Bodies
{
    public static Dictionary<string, object?> Intake() => new()
    {
        ["akps"] = Akps.Items.ToDictionary(i => i.Code, i => i.Options[1].Code),
        ["nprs"] = new { now = 3, worstLastWeek = 5, whileRunning = 4 },
        ["affectedSide"] = "left",
        ["symptomDurationWeeks"] = 8,
        ["running"] = new { isRunner = true, weeklyDistanceKm = 25, yearsRunning = 4, recentLoadChange = true },
        ["redFlags"] = typeof(RedFlagChecklist).GetProperties().ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), _ => false),
    };

    public static object Session(string exerciseCode) => new
    {
        setting = "home", performedAt = DateTimeOffset.UtcNow.AddHours(-1), painBefore = 1, painDuring = 2, painAfter = 2, minutesToSettle = 20,
        notes = "Felt fine", exercises = new[] { new { exerciseCode, setsDone = 3, repsDone = 10 } },
    };

    public static object PainReport() => new { context = "daily-activity", pain = 2, reportedAt = DateTimeOffset.UtcNow.AddMinutes(-5) };

    public static object Template(Guid clinic) => new
    {
        authorClinicId = clinic, name = "Security sample " + Guid.NewGuid().ToString("N")[..6], description = "Sample", visibility = "clinic",
        tags = new[] { "runners-knee" }, sessionsPerWeek = 3,
        phases = Enumerable.Range(1, 4).Select(p => new { phase = p, exercises = new[] { new { exerciseCode = p < 3 ? "clamshell-band" : "a-skip-drill", sets = 3, reps = 12 } } }),
        settings = new { exercisePainMax = 5 },
    };

    /// <summary>A valid body for each operation that takes one, by "METHOD template"; the tests fail for an operation missing here.</summary>
    public static object? For(ApiOperation operation, Guid clinic, Guid templateId) => operation.Name switch
    {
        "POST /api/intake/clinics/" or "POST /api/intake/clinics" => new { id = Guid.NewGuid(), name = "Clinic " + Guid.NewGuid().ToString("N")[..6], region = "Test", timeZone = "Europe/Amsterdam" },
        "POST /api/intake/patients/" or "POST /api/intake/patients" => new
        {
            clinicId = clinic, givenName = "Sample", familyName = "Fuzz" + Guid.NewGuid().ToString("N")[..6], birthDate = "1990-01-01", sex = "female", preferredLanguage = "en",
        },
        "PUT /api/intake/patients/{patientId}" => new { givenName = "Ottoline", familyName = "Renamed", preferredLanguage = "en" },
        "POST /api/intake/patients/{patientId}/transfer" => new { toClinicId = DemoUsers.SouthClinic },
        "POST /api/intake/patients/{patientId}/consents/" or "POST /api/intake/patients/{patientId}/consents" => new { scope = "research", granted = true, version = "2026-01" },
        "POST /api/intake/patients/{patientId}/intakes/" or "POST /api/intake/patients/{patientId}/intakes" => Intake(),
        "POST /api/intake/duplicates/{duplicateId}/resolution" => new { resolution = "distinct" },
        "POST /api/programs/templates/" or "POST /api/programs/templates" or "PUT /api/programs/templates/{templateId}" => Template(clinic),
        "POST /api/programs/templates/{templateId}/fork" => new { authorClinicId = clinic, name = "Fork " + Guid.NewGuid().ToString("N")[..6] },
        "POST /api/programs/exercises/" or "POST /api/programs/exercises" => new
        {
            clinicId = clinic, code = "fuzz-" + Guid.NewGuid().ToString("N")[..6], name = "Sample exercise", category = "hip-strength", instructions = "Slowly.", defaultSets = 3, defaultReps = 10, phases = new[] { 2 },
            bodyRegion = "hip", whatToFeel = "The side of the hip working.",
        },
        "PUT /api/programs/patients/{patientId}/program" => new { templateId, phase = 2 },
        "POST /api/programs/patients/{patientId}/program/override" => new { phase = 2, reasonCode = "clinical-judgement" },
        "POST /api/sessions/patients/{patientId}/follow-up-requests/" or "POST /api/sessions/patients/{patientId}/follow-up-requests" =>
            new { dueFrom = DateTimeOffset.UtcNow.AddDays(7) },
        "POST /api/sessions/patients/{patientId}/outcomes/" or "POST /api/sessions/patients/{patientId}/outcomes"
            or "POST /api/sessions/patients/{patientId}/follow-up-requests/{requestId}/answer" => new
        {
            akps = Akps.Items.ToDictionary(i => i.Code, i => i.Options[0].Code), nprsNow = 1,
        },
        "POST /api/sessions/patients/{patientId}/sessions" => Session("clamshell-band"),
        "POST /api/sessions/patients/{patientId}/pain-reports" => PainReport(),
        "POST /api/intake/patient-sessions/" or "POST /api/intake/patient-sessions" => new { code = "ABCDE-23456" },
        "POST /api/intake/patient-sessions/refresh" => new { refreshToken = Guid.NewGuid() + ".0123456789abcdef" },
        "POST /api/form/patients/{patientId}/captures" => new { format = "blaze-pose", view = "side-facing-right", fps = 120, aspectRatio = 1, frames = Array.Empty<object>() },
        "POST /api/form/patients/{patientId}/checklists/" or "POST /api/form/patients/{patientId}/checklists" =>
            new { stepRate = 172, findings = new[] { new { item = "overstride", side = "left", finding = "mild" } } },
        _ => null,
    };
}
