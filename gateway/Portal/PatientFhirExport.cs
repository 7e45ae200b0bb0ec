using System.Text;
using System.Text.Json;
using RehabPlatform.Portal.Api;

namespace RehabPlatform.Portal;

/// <summary>
/// The patient's record as a FHIR R4 Bundle file for the medical record: the gateway builds it from every service's part
/// under the signed-in therapist's token; the portal only hands it over as a download (the id is no name).
/// </summary>
public static class PatientFhirExport
{
    public static IEndpointRouteBuilder MapPatientFhirExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/patients/{patientId:guid}/export.fhir.json", ExportAsync).RequireAuthorization(PortalPolicies.ClinicalStaff);
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid patientId, GatewayClient gateway, CancellationToken ct)
    {
        var bundle = await gateway.GetAsync<JsonElement>("Gateway", $"api/export/patients/{patientId}/fhir", ct);
        if (bundle.Problem is { } problem)
            return TypedResults.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail);
        return TypedResults.File(Encoding.UTF8.GetBytes(bundle.Value.GetRawText()), "application/fhir+json", $"patient-{patientId}.fhir.json");
    }
}
