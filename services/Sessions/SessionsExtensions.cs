using RehabPlatform.Messaging;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Data;
using RehabPlatform.ServiceDefaults.Http;
using RehabPlatform.Sessions.Apis;
using RehabPlatform.Sessions.Consumers;
using RehabPlatform.Sessions.Data;

namespace RehabPlatform.Sessions;

public static class SessionsExtensions
{
    public const string ServiceName = "sessions";

    public static IHostApplicationBuilder AddSessionsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SessionsDbContext, SqliteSessionsDbContext, PostgresSessionsDbContext>(ServiceName);
        builder.Services.AddScoped<RehabPlatform.ServiceDefaults.Audit.IPatientClinics, Apis.SessionsPatientClinics>();
        builder.Services.AddScoped<UseCases.SessionLog>();
        builder.AddRehabMessaging<SessionsDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<ProgramAssignedConsumer>();
            bus.AddConsumer<ProgramAdjustedConsumer>();
            bus.AddConsumer<IntakeCompletedConsumer>();
            bus.AddConsumer<PatientTransferredConsumer>();
        });
        builder.Services.AddSingleton<SessionsTelemetry>();
        builder.AddApiConventions();
        return builder;
    }

    public static WebApplication MapSessionsEndpoints(this WebApplication app)
    {
        app.MapApiReference("/api/sessions");
        app.MapSessionsApi();
        app.MapOutcomesApi();
        app.MapTimelineApi();
        app.MapAuditLog("/api/sessions");
        return app;
    }
}
