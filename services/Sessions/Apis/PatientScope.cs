using Microsoft.EntityFrameworkCore;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.Sessions.Data;
using RehabPlatform.Sessions.Model;

namespace RehabPlatform.Sessions.Apis;

/// <summary>
/// Sessions knows a patient's clinic from Intake's and Programs' events. A patient unknown here or in another
/// clinic is a 404 to the caller, and the attempt is audited either way.
/// </summary>
internal static class PatientScope
{
    public static async Task<Guid?> ClinicOfAsync(SessionsDbContext db, CallerContext caller, AuditTrail audit, Guid patientId, string resourceType, AuditAction action, CancellationToken ct)
    {
        var clinic = await ClinicOfAsync(db, patientId, ct);
        return await audit.CanReachPatientAsync(clinic, patientId, resourceType, action, ct) ? clinic : null;
    }

    public static async Task<Guid?> ClinicOfAsync(SessionsDbContext db, Guid patientId, CancellationToken ct) =>
        // Transfers move every row, so any row tells the clinic; ordered in memory because SQLite cannot order DateTimeOffset.
        (await db.Prescriptions.Where(p => p.PatientId == patientId).Select(p => new { p.ClinicId, p.UpdatedAt }).ToListAsync(ct))
            .OrderByDescending(p => p.UpdatedAt).Select(p => (Guid?)p.ClinicId).FirstOrDefault()
        ?? await db.Baselines.Where(b => b.PatientId == patientId).Select(b => (Guid?)b.ClinicId).FirstOrDefaultAsync(ct);

    public static async Task<PrescriptionState?> ActivePrescriptionAsync(SessionsDbContext db, Guid patientId, CancellationToken ct) =>
        (await db.Prescriptions.Where(p => p.PatientId == patientId && !p.Closed).ToListAsync(ct)).MaxBy(p => p.AssignedAt);
}

/// <summary>The clinic a patient is at, as the read model knows it, for the shared patient-reach check.</summary>
internal sealed class SessionsPatientClinics(SessionsDbContext db) : IPatientClinics
{
    public Task<Guid?> ClinicOfAsync(Guid patientId, CancellationToken ct) => PatientScope.ClinicOfAsync(db, patientId, ct);
}
