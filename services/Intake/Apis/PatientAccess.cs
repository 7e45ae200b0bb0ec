using Microsoft.EntityFrameworkCore;
using RehabPlatform.Intake.Data;
using RehabPlatform.Intake.Model;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.Intake.Apis;

/// <summary>
/// Finds a patient the caller may see. Unknown ids and patients of other clinics look the same to the caller
/// (404), and both are audited with what really happened.
/// </summary>
internal static class PatientAccess
{
    public const string ResourceType = "patient";

    public static async Task<Patient?> FindAsync(IntakeDbContext db, CallerContext caller, AuditTrail audit, Guid patientId, string resourceType, AuditAction action, CancellationToken ct)
    {
        var patient = await db.Patients.FindAsync([patientId], ct);
        if (patient is null)
        {
            await audit.RecordAsync(resourceType, patientId.ToString(), null, patientId, action, AuditOutcome.NotFound, ct);
            return null;
        }
        if (!caller.CanAccessClinic(patient.ClinicId))
        {
            await audit.RecordAsync(resourceType, patientId.ToString(), patient.ClinicId, patientId, action, AuditOutcome.Denied, ct);
            return null;
        }
        return patient;
    }

    /// <summary>A clinic the caller works at (chain admins: any existing clinic).</summary>
    public static async Task<bool> CanUseClinicAsync(IntakeDbContext db, CallerContext caller, Guid clinicId, CancellationToken ct) =>
        caller.CanAccessClinic(clinicId) && await db.Clinics.AnyAsync(c => c.Id == clinicId, ct);
}

/// <summary>
/// The clinic a patient is registered at, for the shared patient-reach check. The patient stays tracked, so the
/// handler's own lookup that follows (<see cref="PatientAccess.FindAsync"/>) is answered without a second query.
/// </summary>
internal sealed class IntakePatientClinics(IntakeDbContext db) : IPatientClinics
{
    public async Task<Guid?> ClinicOfAsync(Guid patientId, CancellationToken ct) => (await db.Patients.FindAsync([patientId], ct))?.ClinicId;
}
