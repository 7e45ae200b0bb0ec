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

    /// <summary>The patient key in the repository's Development settings: public, so refused in any other environment.</summary>
    public const string PublicDevelopmentPatientKey = "rehabplatform-development-patient-key-not-for-production";

    /// <summary>
    /// Patients have no chain account: Intake signs their tokens itself, under this issuer, when they redeem an
    /// invitation. Every service accepts them only with the patient role.
    /// </summary>
    public string PatientIssuer { get; set; } = "rehabplatform-patients";

    /// <summary>Symmetric key (at least 32 bytes) for patients' tokens, from configuration (a secret store in production). Unset: no patient can sign in.</summary>
    public string? PatientSigningKey { get; set; }

    /// <summary>The key patients' tokens are signed and validated with, or null when patients cannot sign in.</summary>
    public SymmetricSecurityKey? PatientKey(bool isDevelopment)
    {
        if (string.IsNullOrEmpty(PatientSigningKey))
            return null;
        if (!isDevelopment && PatientSigningKey == PublicDevelopmentPatientKey)
            throw new InvalidOperationException("The public development patient key is refused outside Development: configure Auth:PatientSigningKey from a secret.");
        var bytes = Encoding.UTF8.GetBytes(PatientSigningKey);
        if (bytes.Length < MinimumDevKeyBytes)
            throw new InvalidOperationException($"Auth:PatientSigningKey must be at least {MinimumDevKeyBytes} bytes.");
        return new SymmetricSecurityKey(bytes) { KeyId = "patients" };
    }

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
