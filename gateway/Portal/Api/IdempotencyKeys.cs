namespace RehabPlatform.Portal.Api;

/// <summary>
/// Keys for the platform's Idempotency-Key: made when a form is shown and posted back with it, so a form a flaky
/// connection sends twice is stored once.
/// </summary>
public static class IdempotencyKeys
{
    public static string New() => Guid.NewGuid().ToString();

    /// <summary>The key the form carried; a missing or tampered one gets a fresh key (that post then counts as new).</summary>
    public static string FromForm(string? posted) => Guid.TryParse(posted, out var key) ? key.ToString() : New();
}
