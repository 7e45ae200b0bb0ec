using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace RehabPlatform.Intake.UseCases;

/// <summary>Bound from "Intake:PatientApp".</summary>
public sealed class PatientAppOptions
{
    public const string SectionName = "Intake:PatientApp";

    /// <summary>How long an invitation code can be redeemed.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a redeemed access lasts before the clinic has to invite again: longer than a typical program.</summary>
    public TimeSpan AccessLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// A patient's token lifetime. Services other than Intake cannot see an ended access, so this bounds how long a
    /// phone keeps working after the clinic ends it; the portal refreshes it before it runs out.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Redemption attempts per client per minute: a guessed code is one attempt in about 10^14.</summary>
    public int RedemptionsPerMinute { get; set; } = 10;
}

/// <summary>One rate limit per client for redeeming codes, shared by every request to this process.</summary>
public sealed class RedemptionLimiter(IOptions<PatientAppOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.RedemptionsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    /// <returns>Null when admitted, otherwise how long to wait.</returns>
    public TimeSpan? TryAdmit(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Invitations to the patients' app and the sign-ins they open: staff invite and end access for patients they can
/// reach; a patient redeems a code once and then refreshes a short-lived token with the secret their phone keeps.
/// </summary>
public sealed class PatientAppSignIn(IntakeDbContext db, CallerContext caller, AuditTrail audit, TimeProvider clock, RedemptionLimiter limiter,
    IOptions<PatientAppOptions> options, IOptions<AuthOptions> auth, IHostEnvironment environment)
{
    public const string ResourceType = "app-access";

    /// <summary>No 0/O, 1/I/L or U: a code is read out or typed from paper.</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
    public const int CodeLength = 10;

    public abstract record SignInOutcome
    {
        public sealed record SignedIn(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, Guid PatientId) : SignInOutcome;
        /// <summary>Wrong, used, revoked or expired: the same answer for each, so an attempt learns nothing.</summary>
        public sealed record Refused : SignInOutcome;
        public sealed record Limited(TimeSpan RetryAfter) : SignInOutcome;
        public sealed record NotConfigured : SignInOutcome;
    }

    /// <summary>A new code for a patient the caller reaches; any earlier unredeemed code of theirs stops working.</summary>
    public async Task<(PatientAppAccess Access, string Code)> InviteAsync(Patient patient, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var pending in (await db.AppAccesses.Where(a => a.PatientId == patient.Id && a.RedeemedAt == null && a.EndedAt == null).ToListAsync(ct))
            .Where(a => a.StatusAt(now) == AppAccessStatus.Invited))
            pending.End(caller.UserId, now);
        var code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
        var access = new PatientAppAccess
        {
            Id = Guid.CreateVersion7(), PatientId = patient.Id, CodeHash = PatientAppAccess.Hash(code), InvitedBy = caller.UserId, InvitedAt = now,
            CodeExpiresAt = now + options.Value.CodeLifetime,
        };
        db.AppAccesses.Add(access);
        audit.Stage(ResourceType, access.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Create, purpose: "invited");
        await db.SaveChangesAsync(ct);
        return (access, code[..5] + "-" + code[5..]);
    }

    public async Task<IReadOnlyList<PatientAppAccess>> ListAsync(Patient patient, CancellationToken ct)
    {
        var accesses = await db.AppAccesses.AsNoTracking().Where(a => a.PatientId == patient.Id).OrderByDescending(a => a.InvitedAt).ToListAsync(ct);
        audit.Stage(ResourceType, null, patient.ClinicId, patient.Id, AuditAction.List);
        await db.SaveChangesAsync(ct);
        return accesses;
    }

    /// <summary>Revokes an invitation or ends an access; ending twice is harmless. Null when the patient has no such access.</summary>
    public async Task<PatientAppAccess?> EndAsync(Patient patient, Guid accessId, CancellationToken ct)
    {
        if (await db.AppAccesses.SingleOrDefaultAsync(a => a.Id == accessId && a.PatientId == patient.Id, ct) is not { } access)
            return null;
        access.End(caller.UserId, clock.GetUtcNow());
        audit.Stage(ResourceType, access.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Update, purpose: "ended");
        await db.SaveChangesAsync(ct);
        return access;
    }

    public async Task<SignInOutcome> RedeemAsync(string code, string client, CancellationToken ct)
    {
        if (limiter.TryAdmit(client) is { } wait)
            return new SignInOutcome.Limited(wait);
        if (SigningKey() is not { } key)
            return new SignInOutcome.NotConfigured();
        var now = clock.GetUtcNow();
        var hash = PatientAppAccess.Hash(PatientAppAccess.NormaliseCode(code));
        var access = await db.AppAccesses.SingleOrDefaultAsync(a => a.CodeHash == hash, ct);
        if (access is null || access.StatusAt(now) != AppAccessStatus.Invited || await db.Patients.FindAsync([access.PatientId], ct) is not { } patient)
        {
            await audit.RecordAsync(ResourceType, access?.Id.ToString(), null, access?.PatientId, AuditAction.Create, AuditOutcome.Denied, "redeem", ct);
            return new SignInOutcome.Refused();
        }
        var secret = RandomNumberGenerator.GetHexString(64, lowercase: true);
        access.Redeem(secret, now, options.Value.AccessLifetime);
        audit.Stage(ResourceType, access.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Create, purpose: "redeemed");
        await db.SaveChangesAsync(ct);
        return SignedIn(access, secret, key, now);
    }

    /// <summary>A fresh token for an access still active, proven by the secret handed out at redemption.</summary>
    public async Task<SignInOutcome> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        if (SigningKey() is not { } key)
            return new SignInOutcome.NotConfigured();
        var parts = refreshToken.Split('.', 2);
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var accessId))
            return new SignInOutcome.Refused();
        var now = clock.GetUtcNow();
        var access = await db.AppAccesses.SingleOrDefaultAsync(a => a.Id == accessId, ct);
        if (access?.RefreshSecretHash is not { } expected || access.StatusAt(now) != AppAccessStatus.Active
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(expected), Convert.FromHexString(PatientAppAccess.Hash(parts[1]))))
            return new SignInOutcome.Refused();
        access.Seen(now);
        await db.SaveChangesAsync(ct);
        return SignedIn(access, parts[1], key, now);
    }

    private SignInOutcome.SignedIn SignedIn(PatientAppAccess access, string secret, SymmetricSecurityKey key, DateTimeOffset now)
    {
        // A token never outlives the access it was issued under.
        var expiresAt = Min(now + options.Value.TokenLifetime, access.AccessExpiresAt!.Value);
        var token = PatientTokens.Mint(auth.Value, key, access.Id, access.PatientId, now, expiresAt - now);
        return new SignInOutcome.SignedIn(token, expiresAt, $"{access.Id}.{secret}", access.PatientId);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private SymmetricSecurityKey? SigningKey() => auth.Value.PatientKey(environment.IsDevelopment());
}
