using RehabPlatform.Intake.Apis;
using RehabPlatform.Intake.Data;
using RehabPlatform.Messaging;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Data;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.Intake;

public static class IntakeExtensions
{
    public const string ServiceName = "intake";

    public static IHostApplicationBuilder AddIntakeServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IntakeDbContext, SqliteIntakeDbContext, PostgresIntakeDbContext>(ServiceName);
        builder.Services.AddScoped<RehabPlatform.ServiceDefaults.Audit.IPatientClinics, Apis.IntakePatientClinics>();
        builder.Services.AddScoped<UseCases.PatientTransfers>();
        builder.Services.AddScoped<UseCases.IntakeTriage>();
        builder.AddRehabMessaging<IntakeDbContext>(ServiceName);
        builder.Services.AddSingleton<IntakeTelemetry>();
        builder.AddApiConventions();
        return builder;
    }

    public static WebApplication MapIntakeApi(this WebApplication app)
    {
        app.MapApiReference("/api/intake");
        app.MapClinicsApi();
        app.MapPatientsApi();
        app.MapDuplicatesApi();
        app.MapTransferRequestsApi();
        app.MapConsentsApi();
        app.MapIntakesApi();
        app.MapQuestionnairesApi();
        app.MapAuditLog("/api/intake");
        return app;
    }
}
