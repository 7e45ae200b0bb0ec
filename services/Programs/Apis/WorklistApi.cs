namespace RehabPlatform.Programs.Apis;

/// <summary>The Programs side of a clinic's worklist.</summary>
public static class WorklistApi
{
    private const string ResourceType = "program";

    public static IEndpointRouteBuilder MapWorklistApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/programs/clinics/{clinicId:guid}/worklist", WorklistAsync).WithTags("Worklist").RequireAuthorization(Policies.ClinicalStaff);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<WorklistItem>>, ProblemHttpResult>> WorklistAsync(
        Guid clinicId, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramWorklist worklist, CancellationToken ct)
    {
        if (await ClinicWorklist.RefuseForeignClinicAsync(caller, audit, ResourceType, clinicId, ct) is { } refused)
            return refused;
        var entries = await worklist.ForClinicAsync(clinicId, ct);
        ClinicWorklist.StageListed(audit, ResourceType, clinicId, entries.Select(e => (e.PatientId, e.ClinicId)), "worklist");
        await db.SaveChangesAsync(ct);
        IReadOnlyList<WorklistItem> items = entries.Select(e => new WorklistItem(e.PatientId, e.Reason, e.Since)).ToList();
        return TypedResults.Ok(items);
    }
}
