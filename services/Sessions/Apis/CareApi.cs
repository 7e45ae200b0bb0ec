namespace RehabPlatform.Sessions.Apis;

/// <summary>The Sessions side of a clinic's worklist, and the program and adherence status of a page of patients.</summary>
public static class CareApi
{
    public sealed record PatientCareView(Guid PatientId, CareOverview.ProgramState Program, DateTimeOffset? LastSessionAt, bool NotAdhering,
        IReadOnlyList<AttentionReason> Attention);

    private const string ResourceType = "care";

    public static IEndpointRouteBuilder MapCareApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sessions/clinics/{clinicId:guid}/worklist", WorklistAsync).WithTags("Worklist").RequireAuthorization(Policies.ClinicalStaff);
        // POST so that a page of ids never lands in a URL or an access log.
        app.MapPost("/api/sessions/patients/care", CareAsync).WithTags("Worklist").RequireAuthorization(Policies.ClinicalStaff);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<WorklistItem>>, ProblemHttpResult>> WorklistAsync(
        Guid clinicId, SessionsDbContext db, CallerContext caller, AuditTrail audit, CareOverview overview, CancellationToken ct)
    {
        if (await ClinicWorklist.RefuseForeignClinicAsync(caller, audit, ResourceType, clinicId, ct) is { } refused)
            return refused;
        var care = await overview.NeedingAttentionAsync(clinicId, ct);
        ClinicWorklist.StageListed(audit, ResourceType, clinicId, care.Select(c => (c.PatientId, c.ClinicId)), "worklist");
        await db.SaveChangesAsync(ct);
        IReadOnlyList<WorklistItem> items = care.SelectMany(c => c.Attention.Select(a => new WorklistItem(c.PatientId, KebabEnum.Format(a.Reason), a.Since))).ToList();
        return TypedResults.Ok(items);
    }

    /// <summary>Patients outside the caller's clinics, or unknown here, are left out: the answer never says they exist.</summary>
    private static async Task<Results<Ok<IReadOnlyList<PatientCareView>>, ValidationProblem>> CareAsync(
        PatientIdsRequest request, SessionsDbContext db, CallerContext caller, AuditTrail audit, CareOverview overview, CancellationToken ct)
    {
        if (request.Validate() is { } errors)
            return TypedResults.ValidationProblem(errors);
        var care = (await overview.CareOfAsync(request.PatientIds!, ct)).Where(c => caller.CanAccessClinic(c.ClinicId)).ToList();
        ClinicWorklist.StageListed(audit, ResourceType, null, care.Select(c => (c.PatientId, c.ClinicId)), "patient-list");
        await db.SaveChangesAsync(ct);
        IReadOnlyList<PatientCareView> views = care.Select(c => new PatientCareView(c.PatientId, c.Program, c.LastSessionAt, c.NotAdhering,
            c.Attention.Select(a => a.Reason).ToList())).ToList();
        return TypedResults.Ok(views);
    }
}
