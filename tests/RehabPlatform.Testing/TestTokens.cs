using Microsoft.Extensions.Options;
using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.Testing;

/// <summary>Tokens signed with the test key, as the embedded default's development tokens are.</summary>
public static class TestTokens
{
    public const string SigningKey = "rehabplatform-test-signing-key-0123456789abcdef";
    public const string PatientSigningKey = "rehabplatform-test-patient-key-0123456789abcdef";
    public const string Issuer = "rehabplatform-dev";
    public const string Audience = "rehabplatform";

    public static IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:DevSigningKey"] = SigningKey,
        ["Auth:PatientSigningKey"] = PatientSigningKey,
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:RequireHttpsMetadata"] = "false",
    };

    private static readonly DevTokenIssuer Issuer_ = new(Options.Create(new AuthOptions { DevSigningKey = SigningKey, Issuer = Issuer, Audience = Audience }), TimeProvider.System);

    public static string For(DemoUser user, TimeSpan? lifetime = null, string? audience = null) =>
        Issuer_.Mint(user, lifetime ?? TimeSpan.FromHours(1), audience);

    public static string For(string userId, string role, params Guid[] clinics) =>
        Issuer_.Mint(userId, role, clinics, TimeSpan.FromHours(1));

    /// <summary>A patient's app token, as Intake mints it when an invitation is redeemed.</summary>
    public static string ForPatient(Guid patientId, Guid? accessId = null)
    {
        var options = new AuthOptions { Issuer = Issuer, Audience = Audience, PatientSigningKey = PatientSigningKey };
        return PatientTokens.Mint(options, options.PatientKey(isDevelopment: true)!, accessId ?? Guid.NewGuid(), patientId, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(15));
    }

    public static string For(string demoUserName) =>
        For(DemoUsers.Find(demoUserName) ?? throw new ArgumentException("unknown demo user " + demoUserName));
}
