using RehabPlatform.Programs.Consumers;

namespace RehabPlatform.Programs;

public static class ProgramsExtensions
{
    public const string ServiceName = "programs";

    public static IHostApplicationBuilder AddProgramsServices(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformService<ProgramsDbContext, SqliteProgramsDbContext, PostgresProgramsDbContext, KnownPatientClinics<KnownPatient>>(ServiceName, bus =>
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
        builder.Services.AddScoped<TemplateCatalog>();
        builder.Services.AddSingleton<DefaultTemplateCache>();
        builder.Services.AddSingleton<ExerciseCategoryCache>();
        builder.Services.AddScoped<ProgramWorklist>();
        builder.Services.AddScoped<IDatabaseSeeder, ExerciseLibrarySeeder>();
        builder.Services.AddSingleton<ProgramsTelemetry>();
        return builder;
    }

    public static WebApplication MapProgramsEndpoints(this WebApplication app) => app.MapPlatformServiceEndpoints("/api/programs", api =>
    {
        api.MapExercisesApi();
        api.MapTemplatesApi();
        api.MapPatientProgramsApi();
        api.MapWorklistApi();
        api.MapClinicProgramsApi();
        api.MapFhirExportApi();
    });
}

/// <summary>Marker for WebApplicationFactory: several web apps share one test project.</summary>
public sealed class ProgramsMarker;
