namespace RehabPlatform.SecurityTests;

/// <summary>The two leaks the probe found, through the gateway: a retried request after a transfer, and duplicate detection across clinics.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class ReplayAndDuplicateTests(SecuredPlatform secured)
{
    [Fact]
    public async Task A_registration_retried_after_the_patient_moved_away_is_a_404_without_their_data()
    {
        using var north = await secured.Platform.ClientAsync("therapist-north");
        using var admin = await secured.Platform.ClientAsync("chain-admin");
        var family = "Replay" + Guid.NewGuid().ToString("N")[..8];
        var body = new { clinicId = DemoUsers.NorthClinic, givenName = "Rita", familyName = family, birthDate = "1979-09-09", sex = "female", preferredLanguage = "en", email = $"{family}@example.org" };
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> RegisterAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/patients") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await north.SendAsync(request);
        }

        var first = await RegisterAsync();
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"api/intake/patients/{id}/transfer", new { toClinicId = DemoUsers.SouthClinic })).StatusCode);
        var replayed = await RegisterAsync();

        Assert.Equal(HttpStatusCode.NotFound, replayed.StatusCode);
        var text = await replayed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(family, text, StringComparison.Ordinal);
        Assert.DoesNotContain("1979-09-09", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_another_clinics_patient_answers_as_for_anyone_new_and_names_nothing_of_theirs()
    {
        using var south = await secured.Platform.ClientAsync("therapist-south");

        var response = await south.PostAsJsonAsync("api/intake/patients", new
        {
            clinicId = DemoUsers.SouthClinic, givenName = "Ottoline", familyName = secured.North.FamilyName, birthDate = "1984-03-09", sex = "female", preferredLanguage = "en",
        });
        var byEmail = await south.PostAsJsonAsync("api/intake/patients", new
        {
            clinicId = DemoUsers.SouthClinic, givenName = "Other", familyName = "Person" + Guid.NewGuid().ToString("N")[..6], birthDate = "1970-01-01", sex = "female",
            preferredLanguage = "en", email = secured.North.Email.ToUpperInvariant(),
        });

        foreach (var answer in new[] { response, byEmail })
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.DoesNotContain(secured.North.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(DemoUsers.NorthClinic.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
