using RehabPlatform.Messaging;
using RehabPlatform.Programs.Apis;
using RehabPlatform.Programs.Consumers;
using RehabPlatform.Programs.Data;
using RehabPlatform.Programs.Model;
using RehabPlatform.Programs.Planning;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Data;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.Programs;

public static class ProgramsExtensions
{
    public const string ServiceName = "programs";

    public static IHostApplicationBuilder AddProgramsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ProgramsDbContext, SqliteProgramsDbContext, PostgresProgramsDbContext>(ServiceName);
        builder.Services.AddScoped<RehabPlatform.ServiceDefaults.Audit.IPatientClinics, Apis.ProgramsPatientClinics>();
        builder.AddRehabMessaging<ProgramsDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<IntakeCompletedConsumer>();
            bus.AddConsumer<PatientReferredOutConsumer>();
            bus.AddConsumer<PatientTransferredConsumer>();
            bus.AddConsumer<ConsentChangedConsumer>();
            bus.AddConsumer<SessionCompletedConsumer>();
            bus.AddConsumer<PainReportedConsumer>();
            bus.AddConsumer<FormAssessedConsumer>();
        });
        builder.Services.AddOptions<PlanningOptions>().Bind(builder.Configuration.GetSection(PlanningOptions.SectionName));
        builder.Services.AddOptions<FormDrillOptions>().Bind(builder.Configuration.GetSection(FormDrillOptions.SectionName))
            .Validate(o => o.CadenceIncreasePercent is >= 5 and <= 10, "Programs:FormDrills:CadenceIncreasePercent must be between 5 and 10.")
            .ValidateOnStart();
        builder.Services.AddScoped<ProgramPlanner>();
        builder.Services.AddSingleton<ProgramsTelemetry>();
        builder.AddApiConventions();
        return builder;
    }

    public static WebApplication MapProgramsApi(this WebApplication app)
    {
        app.MapApiReference("/api/programs");
        app.MapExercisesApi();
        app.MapTemplatesApi();
        app.MapPatientProgramsApi();
        app.MapAuditLog("/api/programs");
        return app;
    }
}
