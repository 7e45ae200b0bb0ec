using System.Text;
using System.Text.Json.Nodes;

namespace RehabPlatform.SecurityTests;

/// <summary>One request the fuzzer sends, and what it changed.</summary>
public sealed record FuzzCase(string What, HttpMethod Method, string PathAndQuery, FuzzBody? Body)
{
    public HttpContent? Content()
    {
        if (Body is null)
            return null;
        var content = new StringContent(Body.Text, Encoding.UTF8);
        content.Headers.ContentType = null;
        content.Headers.TryAddWithoutValidation("Content-Type", Body.ContentType);
        return content;
    }
}

/// <summary>A body as sent: the text and the Content-Type header, however malformed.</summary>
public sealed record FuzzBody(string Text, string ContentType);

/// <summary>
/// Bad requests for one operation, from a seed: broken and deeply nested JSON, wrong and malformed content types,
/// every property of a valid body set to null, a wrong type, a huge or non-finite number, a long or
/// control-character string, or an array with a null inside; bad path ids; extreme paging and query values.
/// </summary>
public sealed class Fuzzer(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] BrokenJson = ["{", "[", "nul", "{\"a\":}", "{\"a\":1,}", "\u0000", "\"just a string\"", "[1,2,3]", "{\"a\":1e400}", "{\"a\":NaN}", "{\"a\":Infinity}"];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "application/json; charset=bogus", "application/json; charset=utf-16", "application/json;;;",
        "application/", "multipart/form-data", "application/x-www-form-urlencoded", "application/json; charset=\"", "*/*",
    ];

    private static readonly JsonNode?[] BadValues =
    [
        null, JsonValue.Create("x"), JsonValue.Create(-1), JsonValue.Create(1e308), JsonValue.Create(-1e308), JsonValue.Create(long.MaxValue),
        JsonValue.Create(true), new JsonArray(), new JsonObject(), new JsonArray((JsonNode?)null), JsonValue.Create(new string('a', 100_000)),
        JsonValue.Create("\u0000\u202Enull\u202C"), JsonValue.Create("2026-13-45T99:99:99"), JsonValue.Create("00000000-0000-0000-0000-000000000000"),
        new JsonArray(new JsonArray((JsonNode?)null)), new JsonObject { ["nested"] = new JsonArray((JsonNode?)null, JsonValue.Create("\u0000")) },
    ];

    private static readonly string[] BadIds = ["not-a-guid", "00000000-0000-0000-0000-000000000000", new string('9', 300), "%00", "..%2F..%2Fetc", "-1", "2147483648"];

    private static readonly string[] BadQueryValues = ["-1", "0", "2147483648", "99999999999999999999", "abc", "", "%00", "1e400", "NaN", new string('z', 5000), "bogus-value"];

    public IEnumerable<FuzzCase> Cases(ApiOperation operation, string path, JsonNode? validBody, int count)
    {
        var method = new HttpMethod(operation.Method);
        var cases = new List<FuzzCase>();
        var takesJson = operation.BodyContentType == "application/json";

        if (operation.BodyContentType is not null)
        {
            foreach (var broken in BrokenJson)
                cases.Add(new("broken JSON", method, path, Json(broken)));
            foreach (var contentType in ContentTypes)
                cases.Add(new("content type " + contentType, method, path, Raw(validBody?.ToJsonString() ?? "{}", contentType)));
            cases.Add(new("deep nesting", method, path, Json(new string('[', 5000) + new string(']', 5000))));
            cases.Add(new("deep object nesting", method, path, Json(string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + new string('}', 3000))));
            cases.Add(new("empty body", method, path, Json("")));
        }
        if (takesJson && validBody is JsonObject body)
        {
            foreach (var (propertyPath, _) in Properties(body, "").ToList())
            {
                foreach (var bad in BadValues.OrderBy(_ => _random.Next()).Take(4))
                    cases.Add(new($"{propertyPath} = {Describe(bad)}", method, path, Json(Replace(body, propertyPath, bad).ToJsonString())));
            }
            cases.Add(new("unknown property", method, path, Json(Replace(body, "unexpected", JsonValue.Create(1)).ToJsonString())));
        }
        foreach (var parameter in operation.PathParameters)
        {
            foreach (var badId in BadIds)
                cases.Add(new($"path {parameter.Name} = {badId[..Math.Min(badId.Length, 20)]}", method, ReplaceSegment(operation, path, parameter, badId),
                    validBody is null ? null : Json(validBody.ToJsonString())));
        }
        foreach (var parameter in operation.QueryParameters)
        {
            foreach (var bad in BadQueryValues)
                cases.Add(new($"query {parameter.Name} = {bad[..Math.Min(bad.Length, 20)]}", method, $"{path}?{parameter.Name}={Uri.EscapeDataString(bad)}",
                    validBody is null ? null : Json(validBody.ToJsonString())));
        }

        // Top up with random combinations until the operation has its share, from the same seed.
        while (cases.Count < count)
        {
            var basis = cases.Count == 0 ? new FuzzCase("no body", method, path, null) : cases[_random.Next(cases.Count)];
            var extra = BadQueryValues[_random.Next(BadQueryValues.Length)];
            cases.Add(basis with { What = basis.What + " + page=" + extra[..Math.Min(extra.Length, 10)], PathAndQuery = Append(basis.PathAndQuery, "page=" + Uri.EscapeDataString(extra)),
            });
        }
        return cases;
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Properties(JsonNode node, string prefix)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
                yield return (path, value);
                if (value is not null && prefix.Split('.').Length < 3)
                    foreach (var inner in Properties(value, path))
                        yield return inner;
            }
        }
        else if (node is JsonArray array && array.Count > 0 && array[0] is { } first)
        {
            foreach (var inner in Properties(first, prefix + "[0]"))
                yield return inner;
        }
    }

    private static JsonObject Replace(JsonObject body, string path, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        JsonNode current = copy;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var (name, index) = segments[i].EndsWith("[0]", StringComparison.Ordinal) ? (segments[i][..^3], (int?)0) : (segments[i], null);
            if (i == segments.Length - 1 && index is null)
            {
                current.AsObject()[name] = value?.DeepClone();
                break;
            }
            current = current.AsObject()[name]!;
            if (index is not null)
            {
                if (i == segments.Length - 1)
                {
                    current.AsArray()[0] = value?.DeepClone();
                    break;
                }
                current = current.AsArray()[0]!;
            }
        }
        return copy;
    }

    private static string ReplaceSegment(ApiOperation operation, string path, ApiParameter parameter, string value)
    {
        // The template tells where the parameter sits; the other segments keep their real values.
        var templateSegments = operation.Template.Trim('/').Split('/');
        var segments = path.Trim('/').Split('/');
        var at = Array.IndexOf(templateSegments, "{" + parameter.Name + "}");
        if (at >= 0 && at < segments.Length)
            segments[at] = value;
        return "/" + string.Join('/', segments);
    }

    private static string Append(string pathAndQuery, string query) => pathAndQuery + (pathAndQuery.Contains('?') ? "&" : "?") + query;

    private static string Describe(JsonNode? value) => value is null ? "null" : value.ToJsonString() is { Length: > 24 } long_ ? long_[..24] + "..." : value.ToJsonString();

    private static FuzzBody Json(string text) => new(text, "application/json");

    private static FuzzBody Raw(string text, string contentType) => new(text, contentType);

    public static JsonNode? ToNode(object? body) => body is null ? null : JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web);
}
