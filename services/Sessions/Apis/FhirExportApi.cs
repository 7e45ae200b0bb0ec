using Hl7.Fhir.Model;
using RehabPlatform.Fhir;

namespace RehabPlatform.Sessions.Apis;

/// <summary>Sessions' part of the patient's FHIR R4 export: each follow-up as an AKPS QuestionnaireResponse, its total and pain now.</summary>
public static class FhirExportApi
{
    public static IEndpointRouteBuilder MapFhirExportApi(this IEndpointRouteBuilder app)
    {
        app.MapPatientFhirExport("sessions", ExportAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid patientId, SessionsDbContext db, AuditTrail audit, PatientInScope scope, TimeProvider clock, CancellationToken ct)
    {
        var outcomes = await db.Outcomes.AsNoTracking().Where(o => o.PatientId == patientId).OrderBy(o => o.RecordedAt).ToListAsync(ct);
        await audit.RecordReadAsync(PatientReachExtensions.FhirExportResourceType, patientId.ToString(), scope.ClinicId, patientId, purpose: "fhir-export", ct: ct);
        return Results.Text(FhirExport.Serialize(Build(patientId, outcomes, clock.GetUtcNow())), FhirExport.MediaType);
    }

    public static Bundle Build(Guid patientId, IReadOnlyList<FollowUpOutcome> outcomes, DateTimeOffset at) => FhirExport.Collection(
        outcomes.SelectMany(o => new Resource[]
        {
            OutcomeResources.AkpsResponse(o.Id, patientId, o.AkpsAnswers, o.AkpsVersion, o.RecordedAt),
            OutcomeResources.AkpsTotal(o.Id, patientId, o.AkpsFollowUp, o.RecordedAt),
            OutcomeResources.PainNow(o.Id, patientId, o.NprsFollowUp, o.RecordedAt),
        }), at);
}
