namespace RehabPlatform.ServiceDefaults.Http;

/// <summary>How long <see cref="IdempotentRequests"/> remembers a key. Bound from "Idempotency".</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key is remembered; a retry after that is a new request. A phone that resends does so within minutes.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(30);
}
