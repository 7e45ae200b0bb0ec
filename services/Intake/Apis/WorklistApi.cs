namespace RehabPlatform.Intake.Apis;

/// <summary>The Intake side of a clinic's worklist: referrals to act on and intakes to review.</summary>
public static class WorklistApi
{
    public static IEndpointRouteBuilder MapWorklistApi(this IEndpointRouteBuilder app)
    {
        app.MapClinicWorklist<IntakeDbContext, PatientDirectory>("/api/intake/clinics/{clinicId:guid}/worklist", "intake",
            (directory, clinicId, ct) => directory.WorklistAsync(clinicId, ct));
        return app;
    }
}
