namespace RehabPlatform.SecurityTests;

public sealed record ApiParameter(string Name, string In, string? Type, string? Format);

/// <summary>One route and method of a service, as its OpenAPI document describes it.</summary>
public sealed record ApiOperation(string Service, string Method, string Template, IReadOnlyList<ApiParameter> Parameters, string? BodyContentType)
{
    public string Name => $"{Method} {Template}";

    public IEnumerable<ApiParameter> PathParameters => Parameters.Where(p => p.In == "path");

    public IEnumerable<ApiParameter> QueryParameters => Parameters.Where(p => p.In == "query");

    /// <summary>Routes whose data belongs to one patient or one clinic: what the tenancy matrix covers.</summary>
    public bool IsScoped => PathParameters.Any(p => p.Name is "patientId" or "captureId" or "clinicId");

    /// <summary>A clinic's aggregates: scoped to the clinic, naming no patient.</summary>
    public bool IsClinicAggregate => PathParameters.Any(p => p.Name == "clinicId") && !PathParameters.Any(p => p.Name is "patientId" or "captureId");

    /// <summary>The template with each path parameter replaced by the value <paramref name="valueOf"/> gives.</summary>
    public string Path(Func<ApiParameter, string> valueOf) =>
        PathParameters.Aggregate(Template, (path, p) => path.Replace("{" + p.Name + "}", Uri.EscapeDataString(valueOf(p)), StringComparison.Ordinal));

    /// <summary>Every operation of an OpenAPI 3 document, public documentation routes left out.</summary>
    public static IEnumerable<ApiOperation> FromDocument(string service, JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        Schema(p, "type"), Schema(p, "format"))).ToList()
                    : [];
                string? contentType = null;
                if (operation.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                    contentType = content.EnumerateObject().Select(c => c.Name).FirstOrDefault();
                yield return new ApiOperation(service, operation.Name.ToUpperInvariant(), path.Name, parameters, contentType);
            }
        }
    }

    private static string? Schema(JsonElement parameter, string property) =>
        parameter.TryGetProperty("schema", out var schema) && schema.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString()).FirstOrDefault(v => v != "null") : value.GetString()
            : null;
}
