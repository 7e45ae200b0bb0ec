using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace RehabPlatform.ServiceDefaults.Auth;

/// <summary>
/// Bound from "Auth". In production set <see cref="Authority"/> (any OIDC provider) with
/// <see cref="Audience"/>; the embedded default validates tokens signed with <see cref="DevSigningKey"/>.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The key in the repository's Development settings: public, so refused in any other environment.</summary>
    public const string PublicDevelopmentKey = "rehabplatform-development-signing-key-not-for-production";

    /// <summary>OIDC authority whose discovery document provides issuer and signing keys.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = "rehabplatform-dev";

    public string Audience { get; set; } = "rehabplatform";

    /// <summary>Symmetric key (at least 32 bytes) for the embedded default; never set in production.</summary>
    public string? DevSigningKey { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public const int MinimumDevKeyBytes = 32;

    /// <summary>The key development tokens are signed and validated with, or null when none is configured.</summary>
    public SymmetricSecurityKey? DevelopmentSigningKey()
    {
        if (string.IsNullOrEmpty(DevSigningKey))
            return null;
        var bytes = Encoding.UTF8.GetBytes(DevSigningKey);
        if (bytes.Length < MinimumDevKeyBytes)
            throw new InvalidOperationException($"Auth:DevSigningKey must be at least {MinimumDevKeyBytes} bytes.");
        return new SymmetricSecurityKey(bytes);
    }
}
