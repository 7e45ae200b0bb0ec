using System.Security.Cryptography;
using System.Text;

namespace RehabPlatform.Intake.Model;

public enum AppAccessStatus { Invited, Active, Ended, Expired }

/// <summary>
/// A patient's access to the home-program app: an invitation (a one-time code the clinic hands over) and, once the
/// patient redeems it, the access it opened. Only hashes of the code and of the device's refresh secret are kept,
/// so a copy of the database signs nobody in.
/// </summary>
public sealed class PatientAppAccess
{
    public required Guid Id { get; init; }
    public required Guid PatientId { get; init; }
    public required string CodeHash { get; init; }
    public required string InvitedBy { get; init; }
    public required DateTimeOffset InvitedAt { get; init; }
    /// <summary>The code is redeemable until then; an invitation nobody redeemed simply lapses.</summary>
    public required DateTimeOffset CodeExpiresAt { get; init; }
    public DateTimeOffset? RedeemedAt { get; private set; }
    public string? RefreshSecretHash { get; private set; }
    /// <summary>When an active access lapses on its own; the clinic invites again for a longer program.</summary>
    public DateTimeOffset? AccessExpiresAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndedBy { get; private set; }
    public DateTimeOffset? LastSeenAt { get; private set; }

    public AppAccessStatus StatusAt(DateTimeOffset now) => this switch
    {
        { EndedAt: not null } => AppAccessStatus.Ended,
        { RedeemedAt: null } when now >= CodeExpiresAt => AppAccessStatus.Expired,
        { RedeemedAt: null } => AppAccessStatus.Invited,
        _ when now >= AccessExpiresAt => AppAccessStatus.Expired,
        _ => AppAccessStatus.Active,
    };

    public void Redeem(string refreshSecret, DateTimeOffset now, TimeSpan accessLifetime)
    {
        RedeemedAt = now;
        LastSeenAt = now;
        RefreshSecretHash = Hash(refreshSecret);
        AccessExpiresAt = now + accessLifetime;
    }

    public void Seen(DateTimeOffset now) => LastSeenAt = now;

    public void End(string by, DateTimeOffset now)
    {
        EndedAt ??= now;
        EndedBy ??= by;
    }

    /// <summary>Codes are typed on a phone: case, spaces and dashes do not matter.</summary>
    public static string NormaliseCode(string code) => new(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>SHA-256: the code and the secret are random and long enough that a slow hash adds nothing.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
