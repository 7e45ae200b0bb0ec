using RehabPlatform.Fhir;

namespace RehabPlatform.Intake.Apis;

/// <summary>Intake's part of the patient's FHIR R4 export; the gateway merges it with the other services' parts.</summary>
public static class FhirExportApi
{
    public static IEndpointRouteBuilder MapFhirExportApi(this IEndpointRouteBuilder app)
    {
        app.MapPatientFhirExport("intake", ExportAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid patientId, IntakeDbContext db, AuditTrail audit, PatientInScope scope, TimeProvider clock, CancellationToken ct)
    {
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == patient.ClinicId, ct);
        var intakes = await db.Intakes.AsNoTracking().Where(i => i.PatientId == patientId).ToListAsync(ct);
        await audit.RecordReadAsync(PatientReachExtensions.FhirExportResourceType, patientId.ToString(), patient.ClinicId, patientId, purpose: "fhir-export", ct: ct);
        return Results.Text(FhirExport.Serialize(FhirIntakeExport.Build(patient, clinic, intakes, clock.GetUtcNow())), FhirExport.MediaType);
    }
}
