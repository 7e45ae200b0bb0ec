namespace RehabPlatform.Intake;

public static class IntakeExtensions
{
    public const string ServiceName = "intake";

    public static IHostApplicationBuilder AddIntakeServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformService<IntakeDbContext, SqliteIntakeDbContext, PostgresIntakeDbContext, IntakePatientClinics>(ServiceName);
        builder.Services.AddScoped<PatientTransfers>();
        builder.Services.AddScoped<IntakeTriage>();
        builder.Services.AddScoped<PatientDirectory>();
        builder.Services.AddSingleton<IntakeTelemetry>();
        builder.Services.AddOptions<PatientAppOptions>().Bind(builder.Configuration.GetSection(PatientAppOptions.SectionName));
        builder.Services.AddSingleton<RedemptionLimiter>();
        builder.Services.AddScoped<PatientAppSignIn>();
        return builder;
    }

    public static WebApplication MapIntakeEndpoints(this WebApplication app) => app.MapPlatformServiceEndpoints("/api/intake", api =>
    {
        api.MapClinicsApi();
        api.MapPatientsApi();
        api.MapDuplicatesApi();
        api.MapTransferRequestsApi();
        api.MapConsentsApi();
        api.MapIntakesApi();
        api.MapQuestionnairesApi();
        api.MapWorklistApi();
        api.MapPatientAppApi();
        api.MapFhirExportApi();
    });
}

/// <summary>Marker for WebApplicationFactory: several web apps share one test project.</summary>
public sealed class IntakeMarker;
