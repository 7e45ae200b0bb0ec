using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults.Audit;

/// <summary>One reason a patient needs attention, as one service sees it (a kebab-case code, never free text).</summary>
public sealed record WorklistItem(Guid PatientId, string Reason, DateTimeOffset Since);

/// <summary>A worklist item with the clinic the patient is at, for the audit.</summary>
public sealed record WorklistEntry(Guid PatientId, Guid ClinicId, string Reason, DateTimeOffset Since);

/// <summary>Patients a screen asks about at once (a page of a list), by id only so that no name travels in a URL.</summary>
public sealed record PatientIdsRequest(IReadOnlyList<Guid>? PatientIds)
{
    public const int MaxIds = PageRequest.MaxSize;

    public Dictionary<string, string[]>? Validate() => PatientIds switch
    {
        null or { Count: 0 } => new() { ["patientIds"] = ["Give at least one patient id."] },
        { Count: > MaxIds } => new() { ["patientIds"] = [$"At most {MaxIds} ids."] },
        _ => null,
    };
}

/// <summary>The clinic-scoped reads behind a worklist: the caller's own clinics only, and every patient listed is audited.</summary>
public static class ClinicWorklist
{
    /// <summary>
    /// GET {pattern} (with a {clinicId:guid} segment): the service's side of a clinic's worklist, read by
    /// <paramref name="read"/> from the use case <typeparamref name="TSource"/>. A clinic the caller does not work at is a 404.
    /// </summary>
    public static RouteHandlerBuilder MapClinicWorklist<TDb, TSource>(this IEndpointRouteBuilder app, string pattern, string resourceType,
        Func<TSource, Guid, CancellationToken, Task<IReadOnlyList<WorklistEntry>>> read)
        where TDb : DbContext where TSource : notnull =>
        app.MapGet(pattern, async Task<Results<Ok<IReadOnlyList<WorklistItem>>, ProblemHttpResult>> (
            Guid clinicId, TDb db, TSource source, CallerContext caller, AuditTrail audit, CancellationToken ct) =>
        {
            if (await RefuseForeignClinicAsync(caller, audit, resourceType, clinicId, ct) is { } refused)
                return refused;
            var entries = await read(source, clinicId, ct);
            StageListed(audit, resourceType, clinicId, entries.Select(e => (e.PatientId, e.ClinicId)), "worklist");
            await db.SaveChangesAsync(ct);
            IReadOnlyList<WorklistItem> items = entries.Select(e => new WorklistItem(e.PatientId, e.Reason, e.Since)).ToList();
            return TypedResults.Ok(items);
        }).WithTags("Worklist").RequireAuthorization(Policies.ClinicalStaff);

    /// <summary>A clinic the caller does not work at is a 404, audited as denied; null when the caller may read it.</summary>
    public static async Task<ProblemHttpResult?> RefuseForeignClinicAsync(CallerContext caller, AuditTrail audit, string resourceType, Guid clinicId, CancellationToken ct)
    {
        if (caller.CanAccessClinic(clinicId))
            return null;
        await audit.RecordAsync(resourceType, null, clinicId, null, AuditAction.List, AuditOutcome.Denied, ct);
        return Problems.NotFound("Clinic");
    }

    /// <summary>Stages the list read and one read per patient it shows.</summary>
    public static void StageListed(AuditTrail audit, string resourceType, Guid? clinicId, IEnumerable<(Guid PatientId, Guid ClinicId)> patients, string purpose)
    {
        audit.Stage(resourceType, null, clinicId, null, AuditAction.List, purpose: purpose);
        foreach (var (patientId, patientClinic) in patients.Distinct())
            audit.Stage(resourceType, patientId.ToString(), patientClinic, patientId, AuditAction.Read, purpose: purpose);
    }
}
