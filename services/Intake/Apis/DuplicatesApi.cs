namespace RehabPlatform.Intake.Apis;

/// <summary>
/// Registrations that matched a patient of another clinic, for chain admins (who see every clinic) to review. The
/// registering clinic was not told of the match; a same-person decision is followed by a transfer of one record.
/// </summary>
public static class DuplicatesApi
{
    public sealed record PossibleDuplicateView(Guid Id, Guid PatientId, Guid ClinicId, Guid ExistingPatientId, Guid ExistingClinicId,
        DuplicateMatch Match, DateTimeOffset DetectedAt, DuplicateResolution? Resolution, DateTimeOffset? ResolvedAt);

    public sealed record ResolveDuplicateRequest(DuplicateResolution? Resolution);

    private const string ResourceType = "possible-duplicate";

    public static RouteGroupBuilder MapDuplicatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/intake/duplicates").WithTags("Duplicates").RequireAuthorization(Policies.ChainAdmin);
        group.MapGet("/", ListAsync);
        group.MapPost("/{duplicateId:guid}/resolution", ResolveAsync);
        return group;
    }

    private static async Task<Results<Ok<Page<PossibleDuplicateView>>, ValidationProblem>> ListAsync(
        IntakeDbContext db, AuditTrail audit, bool? open, int? page, int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryFrom(page, pageSize, out var request, out var pageErrors))
            return TypedResults.ValidationProblem(pageErrors);
        var query = db.PossibleDuplicates.AsNoTracking();
        if (open ?? true)
            query = query.Where(d => d.Resolution == null);
        var (items, total) = await query.OrderBy(d => d.DetectedAt).ThenBy(d => d.Id).ReadPageAsync(request, ct);
        foreach (var item in items)
        {
            audit.Stage(ResourceType, item.Id.ToString(), item.ClinicId, item.PatientId, AuditAction.Read, purpose: "list");
            audit.Stage(ResourceType, item.Id.ToString(), item.ExistingClinicId, item.ExistingPatientId, AuditAction.Read, purpose: "list");
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(request.Of(items.Select(View), total));
    }

    private static async Task<Results<Ok<PossibleDuplicateView>, ValidationProblem, ProblemHttpResult>> ResolveAsync(
        Guid duplicateId, ResolveDuplicateRequest request, IntakeDbContext db, CallerContext caller, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (request.Resolution is not { } resolution || !Enum.IsDefined(resolution))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["resolution"] = ["distinct or same-person."] });
        var duplicate = await db.PossibleDuplicates.SingleOrDefaultAsync(d => d.Id == duplicateId, ct);
        if (duplicate is null)
            return Problems.NotFound("Possible duplicate");
        if (!duplicate.Resolve(resolution, caller.UserId, clock.GetUtcNow()))
            return Problems.Conflict("Already resolved", "This pair was resolved already.");
        audit.Stage(ResourceType, duplicate.Id.ToString(), duplicate.ClinicId, duplicate.PatientId, AuditAction.Update, purpose: resolution.ToString());
        audit.Stage(ResourceType, duplicate.Id.ToString(), duplicate.ExistingClinicId, duplicate.ExistingPatientId, AuditAction.Update, purpose: resolution.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(duplicate));
    }

    private static PossibleDuplicateView View(PossibleDuplicate d) =>
        new(d.Id, d.PatientId, d.ClinicId, d.ExistingPatientId, d.ExistingClinicId, d.Match, d.DetectedAt, d.Resolution, d.ResolvedAt);
}
