using Hl7.Fhir.Model;
using RehabPlatform.Fhir;

namespace RehabPlatform.Form.Apis;

/// <summary>
/// Form's part of the patient's FHIR R4 export: each analysed capture's metrics as Observations with a component per
/// leg. Consent governs it: without current form-analysis consent Form exports nothing.
/// </summary>
public static class FhirExportApi
{
    private static readonly CodeableConcept Left = FhirExport.Concept(FhirExport.Snomed, "7771000", "Left");
    private static readonly CodeableConcept Right = FhirExport.Concept(FhirExport.Snomed, "24028007", "Right");

    public static IEndpointRouteBuilder MapFhirExportApi(this IEndpointRouteBuilder app)
    {
        app.MapPatientFhirExport("form", ExportAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid patientId, FormDbContext db, AuditTrail audit, PatientInScope scope, TimeProvider clock, CancellationToken ct)
    {
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var captures = patient.FormAnalysisConsent
            ? await db.Captures.AsNoTracking().Where(c => c.PatientId == patientId && c.Status == CaptureStatus.Completed).OrderBy(c => c.CompletedAt).ToListAsync(ct)
            : [];
        await audit.RecordReadAsync(PatientReachExtensions.FhirExportResourceType, patientId.ToString(), patient.ClinicId, patientId, purpose: "fhir-export", ct: ct);
        return Results.Text(FhirExport.Serialize(Build(patientId, captures, clock.GetUtcNow())), FhirExport.MediaType);
    }

    public static Bundle Build(Guid patientId, IReadOnlyList<Capture> captures, DateTimeOffset at) => FhirExport.Collection(
        captures.Where(c => c.Result is not null).SelectMany(c => c.Result!.Metrics.Where(m => m.Mean is not null).Select(m => (Resource)new Observation
        {
            Id = FhirExport.DerivedId(c.Id, m.Code).ToString(),
            Status = ObservationStatus.Final,
            Category = [FhirExport.Concept(FhirExport.ObservationCategories, "exam", "Exam")],
            Code = FhirExport.Concept(FhirExport.RunningFormMetrics, m.Code, m.Code.Replace('-', ' ')),
            Subject = FhirExport.Reference(patientId),
            Effective = new FhirDateTime(c.CompletedAt ?? c.UploadedAt),
            Value = FhirExport.Quantity(m.Mean!.Value, m.Unit),
            Method = FhirExport.Concept(FhirExport.RunningFormMetrics, "pose-capture-2d", $"2D pose capture, {c.View.ToString()} view, {c.Fps:0} fps"),
            Note = c.LowReliability == true ? [new Annotation { Text = "Low reliability: below 60 fps or fewer than 7 steps per side." }] : [],
            Component = new[] { (Left, m.Left), (Right, m.Right) }.Where(leg => leg.Item2 is not null).Select(leg => new Observation.ComponentComponent
            {
                Code = new CodeableConcept { Coding = [new Coding(FhirExport.RunningFormMetrics, m.Code), ..leg.Item1.Coding], Text = $"{m.Code} ({leg.Item1.Coding[0].Display?.ToLowerInvariant()} leg)" },
                Value = FhirExport.Quantity(leg.Item2!.Value, m.Unit),
            }).ToList(),
        })), at);
}
