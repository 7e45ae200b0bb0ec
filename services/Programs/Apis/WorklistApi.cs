namespace RehabPlatform.Programs.Apis;

/// <summary>The Programs side of a clinic's worklist.</summary>
public static class WorklistApi
{
    public static IEndpointRouteBuilder MapWorklistApi(this IEndpointRouteBuilder app)
    {
        app.MapClinicWorklist<ProgramsDbContext, ProgramWorklist>("/api/programs/clinics/{clinicId:guid}/worklist", "program",
            (worklist, clinicId, ct) => worklist.ForClinicAsync(clinicId, ct));
        return app;
    }
}
