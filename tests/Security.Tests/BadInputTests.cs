using System.Text;

namespace RehabPlatform.SecurityTests;

/// <summary>The inputs a black-box probe found to give 500s or to be stored when they should not, each kept fixed here.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class BadInputTests(SecuredPlatform secured)
{
    [Fact]
    public async Task A_JSON_body_in_another_charset_is_a_415_on_every_service()
    {
        using var therapist = await secured.Platform.ClientAsync("therapist-north");
        var routes = new[]
        {
            "api/intake/patients", $"api/intake/patients/{secured.North.Id}/consents", "api/programs/templates",
            $"api/sessions/patients/{secured.North.Id}/pain-reports", $"api/form/patients/{secured.North.Id}/captures",
        };
        foreach (var route in routes)
        {
            foreach (var contentType in new[] { "application/json; charset=bogus", "application/json; charset=utf-16" })
            {
                var content = new StringContent("{}", Encoding.UTF8);
                content.Headers.Remove("Content-Type");
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                var response = await therapist.PostAsync(route, content);
                Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task A_null_inside_an_array_is_a_400_naming_the_element()
    {
        using var therapist = await secured.Platform.ClientAsync("therapist-north");
        var template = JsonSerializer.SerializeToNode(Bodies.Template(DemoUsers.NorthClinic), JsonSerializerOptions.Web)!.AsObject();
        var nullPhase = template.DeepClone().AsObject();
        nullPhase["phases"]!.AsArray()[1] = null;
        var nullExercise = template.DeepClone().AsObject();
        nullExercise["phases"]![0]!["exercises"]!.AsArray().Add(null);
        var session = JsonSerializer.SerializeToNode(Bodies.Session("clamshell-band"), JsonSerializerOptions.Web)!.AsObject();
        session["exercises"]!.AsArray().Add(null);

        var cases = new (string Route, System.Text.Json.Nodes.JsonObject Body, string Field)[]
        {
            ("api/programs/templates", nullPhase, "$.phases[1]"),
            ("api/programs/templates", nullExercise, "$.phases[0].exercises[1]"),
            ($"api/sessions/patients/{secured.North.Id}/sessions", session, "$.exercises[1]"),
        };
        foreach (var (route, body, field) in cases)
        {
            var response = await therapist.PostAsync(route, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"{route}: {errors}");
        }
    }

    [Fact]
    public async Task Coordinates_out_of_any_cameras_range_are_refused_before_anything_is_stored()
    {
        using var therapist = await secured.Platform.ClientAsync("therapist-north");
        var landmarks = Enumerable.Range(0, 33).Select(_ => new { x = 1e300, y = 0.5, z = 0.0, visibility = 0.9 }).ToArray();
        var frames = Enumerable.Range(0, 240).Select(_ => new { landmarks }).ToArray();
        var before = await secured.QuietAsync();

        var response = await therapist.PostAsJsonAsync($"api/form/patients/{secured.North.Id}/captures",
            new { format = "blaze-pose", view = "side-facing-right", fps = 120, aspectRatio = 1, frames });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("100000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await secured.QuietAsync());
    }

    [Fact]
    public async Task Free_text_with_control_or_direction_characters_a_blank_email_an_odd_consent_version_and_a_1970_pain_report_are_400s()
    {
        using var therapist = await secured.Platform.ClientAsync("therapist-north");
        var patient = secured.North.Id;
        var hiddenNotes = JsonSerializer.SerializeToNode(Bodies.Session("clamshell-band"), JsonSerializerOptions.Web)!.AsObject();
        hiddenNotes["notes"] = "ok\u2066hidden\u2069";
        var before = await secured.QuietAsync();

        var responses = new[]
        {
            await therapist.PostAsJsonAsync("api/intake/patients", new { clinicId = DemoUsers.NorthClinic, givenName = "Nul\u0000l", familyName = "Text", birthDate = "1990-01-01", sex = "male", preferredLanguage = "en" }),
            await therapist.PostAsJsonAsync("api/intake/patients", new { clinicId = DemoUsers.NorthClinic, givenName = "Bidi", familyName = "\u202Egnp.exe", birthDate = "1990-01-01", sex = "male", preferredLanguage = "en" }),
            await therapist.PostAsJsonAsync("api/intake/patients", new { clinicId = DemoUsers.NorthClinic, givenName = "Blank", familyName = "Email", birthDate = "1990-01-01", sex = "male", preferredLanguage = "en", email = "   " }),
            await therapist.PostAsJsonAsync($"api/intake/patients/{patient}/consents", new { scope = "research", granted = true, version = "whatever I like" }),
            await therapist.PostAsJsonAsync($"api/sessions/patients/{patient}/pain-reports", new { context = "daily-activity", pain = 2, reportedAt = "1970-01-01T00:00:00Z" }),
            await therapist.PostAsync($"api/sessions/patients/{patient}/sessions", new StringContent(hiddenNotes.ToJsonString(), Encoding.UTF8, "application/json")),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(before, await secured.QuietAsync());
    }

    [Fact]
    public async Task Patient_responses_are_never_cached_or_sniffed()
    {
        using var therapist = await secured.Platform.ClientAsync("therapist-north");

        var response = await therapist.GetAsync($"api/intake/patients/{secured.North.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
