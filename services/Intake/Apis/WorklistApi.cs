namespace RehabPlatform.Intake.Apis;

/// <summary>The Intake side of a clinic's worklist: referrals to act on and intakes to review.</summary>
public static class WorklistApi
{
    public static IEndpointRouteBuilder MapWorklistApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/intake/clinics/{clinicId:guid}/worklist", WorklistAsync).WithTags("Worklist").RequireAuthorization(Policies.ClinicalStaff);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<WorklistItem>>, ProblemHttpResult>> WorklistAsync(
        Guid clinicId, IntakeDbContext db, CallerContext caller, AuditTrail audit, PatientDirectory directory, CancellationToken ct)
    {
        if (await ClinicWorklist.RefuseForeignClinicAsync(caller, audit, "intake", clinicId, ct) is { } refused)
            return refused;
        var entries = await directory.WorklistAsync(clinicId, ct);
        ClinicWorklist.StageListed(audit, "intake", clinicId, entries.Select(e => (e.PatientId, e.ClinicId)), "worklist");
        await db.SaveChangesAsync(ct);
        IReadOnlyList<WorklistItem> items = entries.Select(e => new WorklistItem(e.PatientId, e.Reason, e.Since)).ToList();
        return TypedResults.Ok(items);
    }
}
