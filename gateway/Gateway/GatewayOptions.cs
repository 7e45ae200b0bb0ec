using System.ComponentModel.DataAnnotations;

namespace RehabPlatform.Gateway;

/// <summary>Bound from "Gateway".</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Requests a caller (token subject, or client address when anonymous) may make per window.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermits { get; set; } = 200;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Default request body limit for proxied routes, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Per-route overrides (route id -> bytes), for example the form service's keypoint uploads.</summary>
    public Dictionary<string, long> MaxBodyBytesByRoute { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the aggregated /health waits for one service's readiness.</summary>
    public TimeSpan HealthProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Serve /dev/tokens for demo users (embedded default only; never in production).</summary>
    public bool DevTokensEnabled { get; set; }

    public OpsOptions Ops { get; set; } = new();

    /// <summary>Where the staff portal listens; when set, the gateway serves it at / through <see cref="PortalRoutes"/>.</summary>
    public Uri? PortalUrl { get; set; }

    public long LargestBodyLimit => Math.Max(MaxBodyBytes, MaxBodyBytesByRoute.Values.DefaultIfEmpty(0).Max());
}
