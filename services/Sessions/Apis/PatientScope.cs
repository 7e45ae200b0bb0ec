namespace RehabPlatform.Sessions.Apis;

/// <summary>
/// Sessions knows a patient's clinic from Intake's and Programs' events. A patient unknown here or in another
/// clinic is a 404 to the caller, and the attempt is audited either way.
/// </summary>
internal static class PatientScope
{
    public static async Task<Guid?> ClinicOfAsync(SessionsDbContext db, Guid patientId, CancellationToken ct) =>
        // Transfers move every row, so any row tells the clinic.
        await db.Prescriptions.Where(p => p.PatientId == patientId).OrderByDescending(p => p.UpdatedAt).Select(p => (Guid?)p.ClinicId).FirstOrDefaultAsync(ct)
        ?? await db.Baselines.Where(b => b.PatientId == patientId).Select(b => (Guid?)b.ClinicId).FirstOrDefaultAsync(ct);

    public static async Task<PrescriptionState?> ActivePrescriptionAsync(SessionsDbContext db, Guid patientId, CancellationToken ct) =>
        await db.Prescriptions.Where(p => p.PatientId == patientId && !p.Closed).OrderByDescending(p => p.AssignedAt).FirstOrDefaultAsync(ct);
}

/// <summary>The clinic a patient is at, as the read model knows it, for the shared patient-reach check.</summary>
internal sealed class SessionsPatientClinics(SessionsDbContext db) : IPatientClinics
{
    public Task<Guid?> ClinicOfAsync(Guid patientId, CancellationToken ct) => PatientScope.ClinicOfAsync(db, patientId, ct);
}
