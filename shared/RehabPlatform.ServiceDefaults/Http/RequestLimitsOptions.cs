namespace RehabPlatform.ServiceDefaults.Http;

/// <summary>Bound from "RequestLimits".</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Largest request body in bytes; larger bodies get 413. Form uploads raise it for their service.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
