using RehabPlatform.Form.Consumers;

namespace RehabPlatform.Form;

public static class FormExtensions
{
    public const string ServiceName = "form";

    public static IHostApplicationBuilder AddFormServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformService<FormDbContext, SqliteFormDbContext, PostgresFormDbContext, KnownPatientClinics<KnownPatient>>(ServiceName, bus =>
        {
            bus.AddConsumer<IntakeCompletedConsumer>();
            bus.AddConsumer<ConsentChangedConsumer>();
            bus.AddConsumer<PatientTransferredConsumer>();
        });
        builder.Services.AddOptions<AnalysisSettings>().Bind(builder.Configuration.GetSection(AnalysisSettings.SectionName));
        builder.Services.AddSingleton<CaptureQueue>();
        builder.Services.AddScoped<CaptureUploads>();
        builder.Services.AddScoped<ChecklistAssessments>();
        builder.Services.AddSingleton<FormTelemetry>();
        builder.Services.AddHostedService<CaptureProcessor>();
        return builder;
    }

    public static WebApplication MapFormEndpoints(this WebApplication app) =>
        app.MapPlatformServiceEndpoints("/api/form", api => api.MapCapturesApi().MapChecklistsApi().MapFhirExportApi());
}

/// <summary>Marker for WebApplicationFactory: several web apps share one test project.</summary>
public sealed class FormMarker;
