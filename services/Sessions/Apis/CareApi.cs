namespace RehabPlatform.Sessions.Apis;

/// <summary>The Sessions side of a clinic's worklist, and the program and adherence status of a page of patients.</summary>
public static class CareApi
{
    public sealed record PatientCareView(Guid PatientId, CareOverview.ProgramState Program, DateTimeOffset? LastSessionAt, bool NotAdhering,
        IReadOnlyList<AttentionReason> Attention);

    private const string ResourceType = "care";

    public static IEndpointRouteBuilder MapCareApi(this IEndpointRouteBuilder app)
    {
        app.MapClinicWorklist<SessionsDbContext, CareOverview>("/api/sessions/clinics/{clinicId:guid}/worklist", ResourceType, async (overview, clinicId, ct) =>
            (await overview.NeedingAttentionAsync(clinicId, ct))
                .SelectMany(c => c.Attention.Select(a => new WorklistEntry(c.PatientId, c.ClinicId, KebabEnum.Format(a.Reason), a.Since))).ToList());
        // POST so that a page of ids never lands in a URL or an access log.
        app.MapPost("/api/sessions/patients/care", CareAsync).WithTags("Worklist").RequireAuthorization(Policies.ClinicalStaff);
        return app;
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
