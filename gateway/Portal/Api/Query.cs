namespace RehabPlatform.Portal.Api;

/// <summary>A query string of the values given; empty ones are left out and every value is escaped.</summary>
public static class Query
{
    public static string Of(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!.Trim())}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
