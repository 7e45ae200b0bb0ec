namespace RehabPlatform.Intake.Apis;

/// <summary>Intake's resource name for patient records, and which clinics a caller may register patients at.</summary>
internal static class PatientAccess
{
    public const string ResourceType = "patient";

    /// <summary>A clinic the caller works at (chain admins: any existing clinic).</summary>
    public static async Task<bool> CanUseClinicAsync(IntakeDbContext db, CallerContext caller, Guid clinicId, CancellationToken ct) =>
        caller.CanAccessClinic(clinicId) && await db.Clinics.AnyAsync(c => c.Id == clinicId, ct);
}

/// <summary>
/// The clinic a patient is registered at, for the shared patient-reach check. The patient stays tracked, so the
/// handler's own lookup that follows (<see cref="PatientInScopeExtensions.FindInScopeAsync"/>) is answered without a second query.
/// </summary>
internal sealed class IntakePatientClinics(IntakeDbContext db) : IPatientClinics
{
    public async Task<Guid?> ClinicOfAsync(Guid patientId, CancellationToken ct) => (await db.Patients.FindAsync([patientId], ct))?.ClinicId;
}
