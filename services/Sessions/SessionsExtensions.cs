using RehabPlatform.Sessions.Consumers;

namespace RehabPlatform.Sessions;

public static class SessionsExtensions
{
    public const string ServiceName = "sessions";

    public static IHostApplicationBuilder AddSessionsServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformService<SessionsDbContext, SqliteSessionsDbContext, PostgresSessionsDbContext, SessionsPatientClinics>(ServiceName, bus =>
        {
            bus.AddConsumer<ProgramAssignedConsumer>();
            bus.AddConsumer<ProgramAdjustedConsumer>();
            bus.AddConsumer<IntakeCompletedConsumer>();
            bus.AddConsumer<PatientTransferredConsumer>();
            bus.AddConsumer<PatientReferredOutConsumer>();
            bus.AddConsumer<ReferralActedOnConsumer>();
        });
        builder.Services.AddScoped<SessionLog>();
        builder.Services.AddScoped<CareOverview>();
        builder.Services.AddScoped<FollowUpOutcomes>();
        builder.Services.AddScoped<OutcomeReports>();
        builder.Services.AddSingleton<SessionsTelemetry>();
        return builder;
    }

    public static WebApplication MapSessionsEndpoints(this WebApplication app) => app.MapPlatformServiceEndpoints("/api/sessions", api =>
    {
        api.MapSessionsApi();
        api.MapOutcomesApi();
        api.MapFollowUpRequestsApi();
        api.MapTimelineApi();
        api.MapCareApi();
        api.MapOutcomeAnalyticsApi();
        api.MapFhirExportApi();
    });
}

/// <summary>Marker for WebApplicationFactory: several web apps share one test project.</summary>
public sealed class SessionsMarker;
