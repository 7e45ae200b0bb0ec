namespace RehabPlatform.Programs.Apis;

/// <summary>Which template each of a clinic's active patients follows.</summary>
public static class ClinicProgramsApi
{
    public sealed record ActiveProgramView(Guid PatientId, Guid ProgramId, Guid TemplateId, int TemplateVersion, string TemplateName, int Phase,
        DateTimeOffset AssignedAt);

    private const string ResourceType = "program";

    public static IEndpointRouteBuilder MapClinicProgramsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/programs/clinics/{clinicId:guid}/programs", ListAsync).WithTags("Programs").RequireAuthorization(Policies.ClinicalStaff);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ActiveProgramView>>, ProblemHttpResult>> ListAsync(Guid clinicId, Guid? templateId, ProgramsDbContext db,
        CallerContext caller, AuditTrail audit, TemplateCatalog catalog, CancellationToken ct)
    {
        if (await ClinicWorklist.RefuseForeignClinicAsync(caller, audit, ResourceType, clinicId, ct) is { } refused)
            return refused;
        var programs = await catalog.InUseAsync(clinicId, templateId, ct);
        ClinicWorklist.StageListed(audit, ResourceType, clinicId, programs.Select(p => (p.Program.PatientId, p.Program.ClinicId)), "programs-in-use");
        await db.SaveChangesAsync(ct);
        IReadOnlyList<ActiveProgramView> views = programs.Select(p => new ActiveProgramView(p.Program.PatientId, p.Program.Id, p.Program.TemplateId,
            p.Program.TemplateVersion, p.TemplateName, p.Program.Phase, p.Program.CreatedAt)).ToList();
        return TypedResults.Ok(views);
    }
}
