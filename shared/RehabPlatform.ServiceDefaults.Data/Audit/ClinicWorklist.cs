using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults.Audit;

/// <summary>One reason a patient needs attention, as one service sees it (a kebab-case code, never free text).</summary>
public sealed record WorklistItem(Guid PatientId, string Reason, DateTimeOffset Since);

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
