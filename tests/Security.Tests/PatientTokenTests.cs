namespace RehabPlatform.SecurityTests;

/// <summary>
/// The security matrix for patients' tokens: a patient signed in with an invitation reaches their own app routes and
/// nothing else, another patient's ids are a 404, and invitations are single-use, revocable and rate limited.
/// </summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class PatientTokenTests(SecuredPlatform secured)
{
    /// <summary>Everything a patient's app may call about the patient; every other route refuses a patient.</summary>
    private static readonly HashSet<string> PatientRoutes =
    [
        "GET /api/intake/patients/{patientId}/consents/", "POST /api/intake/patients/{patientId}/consents/",
        "GET /api/programs/patients/{patientId}/program", "GET /api/programs/patients/{patientId}/program/decisions",
        "GET /api/programs/patients/{patientId}/program/exercises",
        "POST /api/sessions/patients/{patientId}/sessions", "GET /api/sessions/patients/{patientId}/sessions",
        "POST /api/sessions/patients/{patientId}/pain-reports",
        "GET /api/sessions/patients/{patientId}/prescription", "GET /api/sessions/patients/{patientId}/timeline",
        "GET /api/sessions/patients/{patientId}/adherence",
        // Follow-up questionnaires the therapist sent: the patient sees them and answers; only staff schedule or cancel.
        "GET /api/sessions/patients/{patientId}/follow-up-requests/", "POST /api/sessions/patients/{patientId}/follow-up-requests/{requestId}/answer",
        // The questionnaire's items and options (no patient data): the app shows them for a follow-up.
        "GET /api/intake/questionnaires/akps",
        // The chain's locations and time zones (no patient data): times in the app are the clinic's.
        "GET /api/intake/clinics",
        // Anonymous by design: how a patient signs in.
        "POST /api/intake/patient-sessions/", "POST /api/intake/patient-sessions/refresh",
    ];

    [Fact]
    public async Task A_patient_reaches_only_their_own_app_routes_staff_routes_refuse_them_and_nothing_is_stored()
    {
        using var patient = secured.Platform.ClientWithToken(secured.NorthPatientToken);
        var before = await secured.QuietAsync();
        var admitted = new List<string>();
        var unauthenticated = new List<string>();
        foreach (var operation in secured.Operations.Where(o => !o.Template.Contains("patient-sessions", StringComparison.Ordinal)))
        {
            // Own ids and an empty body: an admitted write is refused as invalid, so nothing is stored.
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.Path(p => secured.ValueFor(p, secured.North)).TrimStart('/'));
            if (operation.BodyContentType is "application/json")
                request.Content = JsonContent.Create(new { });
            else if (operation.BodyContentType is not null)
                request.Content = new ByteArrayContent([0x50, 0x4b, 0x03, 0x04]) { Headers = { ContentType = new(operation.BodyContentType) } };
            using var response = await patient.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
                unauthenticated.Add(operation.Name);
            else if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                admitted.Add(operation.Name);
        }
        var after = await secured.QuietAsync();

        TestEnvironment.Report($"Patient token: {secured.Operations.Count} operations called with the patient's own ids; {admitted.Count} admitted, " +
            $"{secured.Operations.Count - admitted.Count - unauthenticated.Count} refused (403/404), {unauthenticated.Count} 401");
        Assert.Empty(unauthenticated);
        var expected = PatientRoutes.Where(r => !r.Contains("patient-sessions", StringComparison.Ordinal)).Select(Normalise).Order().ToList();
        Assert.Equal(expected, admitted.Select(Normalise).Order().ToList());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Another_patients_ids_are_a_404_to_a_patient_on_every_scoped_route_and_reveal_nothing()
    {
        using var other = secured.Platform.ClientWithToken(secured.OtherNorthPatientToken);
        var before = await secured.QuietAsync();
        var failures = new List<string>();
        foreach (var operation in secured.Operations.Where(o => o.IsScoped))
        {
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.Path(p => secured.ValueFor(p, secured.North)).TrimStart('/'));
            if (operation.BodyContentType is "application/json")
                request.Content = JsonContent.Create(Bodies.For(operation, DemoUsers.NorthClinic, secured.TemplateId) ?? new { });
            using var response = await other.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var allowed = PatientRoutes.Contains(operation.Name) || PatientRoutes.Contains(operation.Name + "/")
                ? [HttpStatusCode.NotFound] : new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound };
            if (!allowed.Contains(response.StatusCode))
                failures.Add($"{operation.Name}: {(int)response.StatusCode}");
            if (body.Contains(secured.North.FamilyName, StringComparison.Ordinal))
                failures.Add($"{operation.Name}: the refusal carries the patient's data");
        }
        var after = await secured.QuietAsync();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Invitations_are_single_use_and_revocable_ended_access_cannot_refresh_and_redemption_is_rate_limited()
    {
        using var therapist = await secured.Platform.ClientAsync("therapist-north");
        using var phone = new HttpClient { BaseAddress = secured.Platform.Gateway };
        var patientId = secured.FuzzTarget.Id;

        var superseded = await InviteAsync(therapist, patientId);
        var current = await InviteAsync(therapist, patientId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RedeemAsync(phone, superseded.Code)).StatusCode);
        using var signedIn = await RedeemAsync(phone, current.Code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var session = await signedIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await RedeemAsync(phone, current.Code)).StatusCode);

        var revoked = await InviteAsync(therapist, patientId);
        Assert.Equal(HttpStatusCode.OK, (await therapist.PostAsync($"api/intake/patients/{patientId}/app-access/{revoked.Id}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RedeemAsync(phone, revoked.Code)).StatusCode);

        var refreshToken = session.GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsJsonAsync("api/intake/patient-sessions/refresh", new { refreshToken })).StatusCode);
        var accessId = refreshToken!.Split('.')[0];
        Assert.Equal(HttpStatusCode.OK, (await therapist.PostAsync($"api/intake/patients/{patientId}/app-access/{accessId}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.PostAsJsonAsync("api/intake/patient-sessions/refresh", new { refreshToken })).StatusCode);
        var accesses = await therapist.GetFromJsonAsync<JsonElement>($"api/intake/patients/{patientId}/app-access");
        Assert.All(accesses.EnumerateArray(), a => Assert.Equal("ended", a.GetProperty("status").GetString()));

        // Guessing: a wrong code after another until the limiter answers, with how long to wait.
        var attempts = 0;
        HttpResponseMessage? limited = null;
        while (limited is null && attempts++ < 100)
        {
            var response = await phone.PostAsJsonAsync("api/intake/patient-sessions", new { code = "ZZZZZ-" + Random.Shared.Next(10000, 99999) });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited = response;
            else
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says how long to wait");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        TestEnvironment.Report($"Patient sign-in: superseded, used and revoked codes refused, an ended access cannot refresh; redemption limited after {attempts} attempts");
    }

    private static async Task<(Guid Id, string Code)> InviteAsync(HttpClient staff, Guid patientId)
    {
        var response = await staff.PostAsync($"api/intake/patients/{patientId}/app-access", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("code").GetString()!);
    }

    /// <summary>
    /// Other tests of this collection (the fuzzer) also try codes from this address and may have used up the minute's
    /// attempts: a 429 here waits as it says and tries again.
    /// </summary>
    private static async Task<HttpResponseMessage> RedeemAsync(HttpClient phone, string code)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await phone.PostAsJsonAsync("api/intake/patient-sessions", new { code });
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == 2)
                return response;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(60));
        }
    }

    private static string Normalise(string name) => name.TrimEnd('/');
}
