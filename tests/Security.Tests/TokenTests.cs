using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RehabPlatform.SecurityTests;

/// <summary>
/// Tokens that must not get in, at the gateway and at each service directly (a service never trusts the network):
/// each is a 401 that says nothing of why.
/// </summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class TokenTests(SecuredPlatform secured)
{
    private static readonly SymmetricSecurityKey TestKey = new(Encoding.UTF8.GetBytes(TestTokens.SigningKey));
    private static readonly SymmetricSecurityKey PatientKey = new(Encoding.UTF8.GetBytes(TestTokens.PatientSigningKey));

    public static IEnumerable<(string Case, string? Token)> Cases()
    {
        var therapist = DemoUsers.Find("therapist-north")!;
        var valid = TestTokens.For(therapist);
        yield return ("no token", null);
        yield return ("garbage", "not-a-token");
        yield return ("expired", TestTokens.For(therapist, TimeSpan.FromMinutes(-10)));
        yield return ("not yet valid", Mint(notBefore: DateTime.UtcNow.AddHours(1)));
        yield return ("wrong audience", TestTokens.For(therapist, audience: "another-api"));
        yield return ("wrong issuer", Mint(issuer: "https://evil.example.org"));
        yield return ("wrong key", Mint(key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes("an-attacker-chosen-key-0123456789abcdef"))));
        yield return ("alg none", Unsigned(valid));
        yield return ("header says RS256, HMAC signature", WithHeader(valid, """{"alg":"RS256","typ":"JWT"}"""));
        yield return ("header says HS512, HS256 signature", WithHeader(valid, """{"alg":"HS512","typ":"JWT"}"""));
        yield return ("forged role", WithClaims(valid, """{"role":"chain-admin"}"""));
        yield return ("a therapist's token signed with the patients' key", Mint(key: PatientKey));
        yield return ("the patients' issuer claiming a therapist", Mint(issuer: "rehabplatform-patients", key: PatientKey));
        yield return ("the patients' issuer signed with the staff key", Mint(issuer: "rehabplatform-patients"));
        yield return ("forged clinic", WithClaims(valid, $$"""{"clinic":["{{DemoUsers.NorthClinic}}","{{DemoUsers.SouthClinic}}"]}"""));
    }

    [Fact]
    public async Task Every_refused_token_is_a_401_without_a_reason_at_the_gateway_and_at_every_service()
    {
        var targets = new List<(string Where, Uri Base, string Path)>
        {
            ("gateway", secured.Platform.Gateway, $"api/intake/patients/{secured.North.Id}"),
            ("gateway", secured.Platform.Gateway, "api/programs/templates"),
        };
        targets.AddRange(new[]
        {
            ("intake", $"api/intake/patients/{secured.North.Id}"), ("programs", $"api/programs/patients/{secured.North.Id}/program"),
            ("sessions", $"api/sessions/patients/{secured.North.Id}/timeline"), ("form", $"api/form/patients/{secured.North.Id}/captures"),
        }.Select(t => (t.Item1, secured.Platform.ServiceAddress(t.Item1), t.Item2)));

        var cases = Cases().ToList();
        var failures = new List<string>();
        foreach (var (name, token) in cases)
        {
            foreach (var (where, baseAddress, path) in targets)
            {
                using var client = new HttpClient { BaseAddress = baseAddress };
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (token is not null)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request);
                var challenge = string.Join(",", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                    failures.Add($"{name} at {where} {path}: {(int)response.StatusCode}");
                else if (challenge != "Bearer" || body.Contains("IDX", StringComparison.Ordinal) || body.Contains("expired", StringComparison.OrdinalIgnoreCase)
                         || body.Contains("signature", StringComparison.OrdinalIgnoreCase))
                    failures.Add($"{name} at {where}: the refusal says why ({challenge}; {body})");
            }
        }

        TestEnvironment.Report($"Token cases: {cases.Count} cases x {targets.Count} targets (gateway and each service directly): {failures.Count} not a plain 401");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(50)));

        // The same requests with the valid token get through, so the refusals above are the tokens' doing.
        using var therapist = new HttpClient { BaseAddress = secured.Platform.Gateway };
        therapist.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(DemoUsers.Find("therapist-north")!));
        Assert.Equal(HttpStatusCode.OK, (await therapist.GetAsync($"api/intake/patients/{secured.North.Id}")).StatusCode);
    }

    private static string Mint(DateTime? notBefore = null, string issuer = TestTokens.Issuer, SecurityKey? key = null)
    {
        var therapist = DemoUsers.Find("therapist-north")!;
        var start = notBefore ?? DateTime.UtcNow.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = TestTokens.Audience,
            Subject = new ClaimsIdentity([new Claim(RehabClaims.Subject, therapist.UserId), new Claim(RehabClaims.Role, therapist.Role),
                new Claim(RehabClaims.Clinic, DemoUsers.NorthClinic.ToString())]),
            IssuedAt = start,
            NotBefore = start,
            Expires = start.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? TestKey, SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        return $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
    }

    private static string WithHeader(string token, string header)
    {
        var parts = token.Split('.');
        return $"{Base64UrlEncoder.Encode(header)}.{parts[1]}.{parts[2]}";
    }

    /// <summary>The payload with some claims replaced, and the original signature.</summary>
    private static string WithClaims(string token, string replacements)
    {
        var parts = token.Split('.');
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        foreach (var (name, value) in System.Text.Json.Nodes.JsonNode.Parse(replacements)!.AsObject())
            payload[name] = value?.DeepClone();
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }
}
