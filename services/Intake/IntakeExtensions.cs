using System.Text.Json;
using System.Text.Json.Serialization;
using RehabPlatform.Intake.Apis;
using RehabPlatform.Intake.Data;
using RehabPlatform.Messaging;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Data;
using Scalar.AspNetCore;

namespace RehabPlatform.Intake;

public static class IntakeExtensions
{
    public const string ServiceName = "intake";

    public static IHostApplicationBuilder AddIntakeServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IntakeDbContext, SqliteIntakeDbContext, PostgresIntakeDbContext>(ServiceName);
        builder.AddRehabMessaging<IntakeDbContext>(ServiceName);
        builder.Services.AddSingleton<IntakeTelemetry>();
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)));
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapIntakeApi(this WebApplication app)
    {
        app.MapOpenApi("/api/intake/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/intake/docs", options => options.WithOpenApiRoutePattern("/api/intake/openapi/{documentName}.json")).AllowAnonymous();
        app.MapClinicsApi();
        app.MapPatientsApi();
        app.MapConsentsApi();
        app.MapIntakesApi();
        app.MapQuestionnairesApi();
        app.MapAuditLog("/api/intake");
        return app;
    }
}
