using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RehabPlatform.ServiceDefaults.Auth;

/// <summary>Mints tokens signed with the development key; only for the embedded default and tests.</summary>
public sealed class DevTokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    public string Mint(DemoUser user, TimeSpan lifetime, string? audience = null) =>
        Mint(user.UserId, user.Role, user.ClinicIds, lifetime, audience);

    public string Mint(string userId, string role, IEnumerable<Guid> clinicIds, TimeSpan lifetime, string? audience = null)
    {
        var settings = options.Value;
        var key = settings.DevelopmentSigningKey()
            ?? throw new InvalidOperationException("Auth:DevSigningKey is not configured; development tokens are unavailable.");
        var now = clock.GetUtcNow().UtcDateTime;
        // A negative lifetime mints an already expired token (for tests of expiry); it still starts before it ends.
        var notBefore = now.Add(lifetime < TimeSpan.Zero ? lifetime : TimeSpan.Zero).AddMinutes(-1);
        var claims = new List<Claim> { new(RehabClaims.Subject, userId), new(RehabClaims.Role, role) };
        claims.AddRange(clinicIds.Select(id => new Claim(RehabClaims.Clinic, id.ToString())));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = audience ?? settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

}
