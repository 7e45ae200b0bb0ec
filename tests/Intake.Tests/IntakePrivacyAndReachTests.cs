using RehabPlatform.Gateway;

namespace RehabPlatform.Intake.Tests;

public sealed class IntakePrivacyAndReachTests
{
    [Fact]
    public async Task Logs_and_spans_of_a_full_intake_hold_no_name_email_phone_or_birth_date()
    {
        var telemetry = new TelemetryCapture();
        await using var app = await IntakeApp.StartAsync(DatabaseProvider.Sqlite, telemetry.Install);
        using var therapist = app.Client("therapist-north");
        const string given = "Philippa", family = "Quixotewright", email = "philippa.q@example.org", phone = "+44 7700 900123", birth = "1987-03-29";

        var patient = new { clinicId = DemoUsers.NorthClinic, givenName = given, familyName = family, birthDate = birth, sex = "female", email, phone, preferredLanguage = "en" };
        var patientId = await app.RegisterAsync(therapist, patient);
        await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/consents", new { scope = "treatment", granted = true, version = "2026-01" });
        await therapist.PostAsJsonAsync($"api/intake/patients/{patientId}/intakes", IntakeApp.NewIntake());
        await therapist.GetAsync($"api/intake/patients?search={family}");
        await therapist.GetAsync($"api/intake/patients/{patientId}");
        // Rejected input is where content most easily slips into logs.
        await therapist.PostAsJsonAsync("api/intake/patients", patient);
        await therapist.PostAsJsonAsync("api/intake/patients", new { givenName = given, familyName = family, email = "not-an-email " + email, birthDate = "tomorrow" });
        await app.Events.WaitForAsync<Contracts.Intake.IntakeCompleted>(e => e.PatientId == patientId);

        Assert.True(telemetry.SpanCount > 5, "spans were captured");
        Assert.True(telemetry.LogLines.Count > 0, "logs were captured");
        Assert.Contains(telemetry.SpanTexts, t => t.Contains(patientId.ToString()));
        Assert.Empty(telemetry.Leaks(given, family, email, "7700 900123", "900123", birth, "1987-03-29", "29/03/1987"));
    }

    [Fact]
    public async Task Intake_is_reachable_through_the_gateway_with_its_api_reference()
    {
        await using var app = await IntakeApp.StartAsync(DatabaseProvider.Sqlite);
        await using var gateway = ServiceHost<GatewayMarker>.Start(new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["ReverseProxy:Clusters:intake:Destinations:primary:Address"] = app.Host.BaseAddress.ToString(),
        });
        using var client = gateway.CreateClient(TestTokens.For("therapist-north"));
        using var anonymous = gateway.CreateClient();

        var clinics = await client.GetFromJsonAsync<JsonElement>("api/intake/clinics");
        var patient = await client.PostAsJsonAsync("api/intake/patients", IntakeApp.NewPatient(DemoUsers.NorthClinic));
        var openApi = await client.GetFromJsonAsync<JsonElement>("api/intake/openapi/v1.json");
        var docs = await client.GetAsync("api/intake/docs");
        var withoutToken = await anonymous.GetAsync("api/intake/clinics");

        Assert.Equal(2, clinics.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Created, patient.StatusCode);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/intake/patients/{patientId}/intakes", out _));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
    }
}
