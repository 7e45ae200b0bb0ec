using RehabPlatform.Form.Apis;
using RehabPlatform.Form.Consumers;
using RehabPlatform.Form.Data;
using RehabPlatform.Form.Model.Analysis;
using RehabPlatform.Form.Processing;
using RehabPlatform.Messaging;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Data;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.Form;

public static class FormExtensions
{
    public const string ServiceName = "form";

    public static IHostApplicationBuilder AddFormServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<FormDbContext, SqliteFormDbContext, PostgresFormDbContext>(ServiceName);
        builder.Services.AddScoped<RehabPlatform.ServiceDefaults.Audit.IPatientClinics, Apis.FormPatientClinics>();
        builder.AddRehabMessaging<FormDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<IntakeCompletedConsumer>();
            bus.AddConsumer<ConsentChangedConsumer>();
            bus.AddConsumer<PatientTransferredConsumer>();
        });
        builder.Services.AddOptions<AnalysisSettings>().Bind(builder.Configuration.GetSection("Form:Analysis"));
        builder.Services.AddSingleton<CaptureQueue>();
        builder.Services.AddSingleton<FormTelemetry>();
        builder.Services.AddHostedService<CaptureProcessor>();
        builder.AddApiConventions();
        return builder;
    }

    public static WebApplication MapFormEndpoints(this WebApplication app)
    {
        app.MapApiReference("/api/form");
        app.MapCapturesApi();
        app.MapAuditLog("/api/form");
        return app;
    }
}
