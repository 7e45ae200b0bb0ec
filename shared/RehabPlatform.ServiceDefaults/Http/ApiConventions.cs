using System.Text.Json;
using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace RehabPlatform.ServiceDefaults.Http;

public static class ApiConventions
{
    /// <summary>JSON as every service speaks it (enums as kebab-case strings, never numbers) and an OpenAPI document.</summary>
    public static IHostApplicationBuilder AddApiConventions(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)));
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The OpenAPI document at {prefix}/openapi/v1.json and a browsable reference at {prefix}/docs, both public.</summary>
    public static IEndpointRouteBuilder MapApiReference(this WebApplication app, string prefix)
    {
        var document = prefix + "/openapi/{documentName}.json";
        app.MapOpenApi(document).AllowAnonymous();
        app.MapScalarApiReference(prefix + "/docs", options => options.WithOpenApiRoutePattern(document)).AllowAnonymous();
        return app;
    }
}

/// <summary>Enum values in query strings, spelled as in JSON ("side-facing-left") or as the member name.</summary>
public static class KebabEnum
{
    public static bool TryParse<T>(string? value, out T result) where T : struct, Enum =>
        Enum.TryParse(value?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out result) && Enum.IsDefined(result);

    /// <summary>The value as JSON spells it ("no-recent-session").</summary>
    public static string Format<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static string Allowed<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)));
}
