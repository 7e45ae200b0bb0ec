namespace RehabPlatform.ServiceDefaults.Audit;

public enum AuditAction { Read, List, Create, Update, Submit, Transfer, Export }

public enum AuditOutcome { Success, Denied, NotFound, Invalid }

/// <summary>Why an entry was written, where the action alone does not say it.</summary>
public static class AuditPurposes
{
    /// <summary>A retried request with an Idempotency-Key, answered with what the first one created.</summary>
    public const string IdempotentReplay = "idempotent-replay";

    /// <summary>A request refused by the role policy of its route (403), before any patient data was read.</summary>
    public const string RolePolicy = "role-policy";

    /// <summary>A registration matched this patient of a clinic the caller cannot see; the caller was not told.</summary>
    public const string PossibleDuplicate = "possible-duplicate";
}

/// <summary>
/// One access to patient data: who, role, clinic, resource type and id, action, purpose, time, outcome.
/// Never the content. Rows are append-only: the audit interceptor refuses updates and deletes.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public required DateTimeOffset At { get; set; }
    public required string UserId { get; set; }
    public required string Role { get; set; }
    public Guid? ClinicId { get; set; }
    public Guid? PatientId { get; set; }
    public required string ResourceType { get; set; }
    public string? ResourceId { get; set; }
    public required AuditAction Action { get; set; }
    public required AuditOutcome Outcome { get; set; }
    public string? Purpose { get; set; }
}
