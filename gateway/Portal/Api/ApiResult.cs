using System.Net;
using System.Text.Json;

namespace RehabPlatform.Portal.Api;

/// <summary>What the platform answered, as a page needs it: a value, or a problem to show (field errors next to their fields).</summary>
public sealed class ApiResult<T>
{
    public T? Value { get; private init; }
    public ApiProblem? Problem { get; private init; }
    public bool IsOk => Problem is null;

    public static ApiResult<T> Ok(T value) => new() { Value = value };
    public static ApiResult<T> Failed(ApiProblem problem) => new() { Problem = problem };
}

/// <summary>A ProblemDetails answer, or the portal's own words when a service could not be reached.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, JsonElement? Body)
{
    public bool IsNotFound => Status == (int)HttpStatusCode.NotFound;
    public bool IsConflict => Status == (int)HttpStatusCode.Conflict;
    public bool IsUnavailable => Status is (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.BadGateway or (int)HttpStatusCode.GatewayTimeout;

    /// <summary>The field errors for one field, matched without regard to case ("givenName" or "GivenName").</summary>
    public IReadOnlyList<string> ErrorsFor(string field) =>
        Errors.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList();

    public Guid? GuidExtension(string name) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value) && value.TryGetGuid(out var id) ? id : null;

    /// <summary>A field error found by the portal before calling anything, shown like the platform's own.</summary>
    public static ApiProblem Field(string field, string message) => new((int)HttpStatusCode.BadRequest, "The request has invalid fields", null,
        new Dictionary<string, string[]> { [field] = [message] }, null);

    public static ApiProblem Unreachable(string service) => new((int)HttpStatusCode.ServiceUnavailable, $"{service} is not answering",
        "The page shows what it could load. Try again in a minute; if it persists, tell your ops team.", new Dictionary<string, string[]>(), null);
}
