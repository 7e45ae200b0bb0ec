using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
