namespace RehabPlatform.ServiceDefaults;

public static class HealthTags
{
    /// <summary>The process is up (liveness).</summary>
    public const string Live = "live";

    /// <summary>The process can do its work: database and broker reachable (readiness).</summary>
    public const string Ready = "ready";
}
