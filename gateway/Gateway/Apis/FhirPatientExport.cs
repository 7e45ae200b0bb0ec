using Bundle = Hl7.Fhir.Model.Bundle;
using RehabPlatform.Fhir;
using Yarp.ReverseProxy;

namespace RehabPlatform.Gateway.Apis;

/// <summary>
/// One FHIR R4 Bundle for a patient, through the gateway: each service exports what it owns under the caller's own token
/// (so every service checks the role, the clinic and consent, and audits the read), and the gateway merges the parts.
/// Intake answers first: a patient it does not show the caller is a 404 and nothing else is asked.
/// </summary>
public static partial class FhirPatientExport
{
    public const string HttpClientName = "fhir-export";
    private static readonly string[] OtherParts = ["programs", "sessions", "form"];

    public static IEndpointRouteBuilder MapFhirExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/export/patients/{patientId:guid}/fhir", ExportAsync).RequireAuthorization().WithTags("FHIR export");
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid patientId, HttpContext http, IProxyStateLookup proxyState, IHttpClientFactory clients, TimeProvider clock,
        ILogger<FhirExportLog> logger, CancellationToken ct)
    {
        var addresses = proxyState.GetClusters().Where(c => c.Destinations.Count > 0)
            .ToDictionary(c => c.ClusterId, c => c.Destinations.Values.First().Model.Config.Address, StringComparer.OrdinalIgnoreCase);
        var client = clients.CreateClient(HttpClientName);
        var authorization = http.Request.Headers.Authorization.ToString();

        using var intake = await GetPartAsync(client, addresses, "intake", patientId, authorization, ct);
        if (intake.StatusCode != System.Net.HttpStatusCode.OK)
        {
            // The service's own answer (404 for a patient out of reach, 403 for a role that may not export) goes back as it is.
            return Results.Content(await intake.Content.ReadAsStringAsync(ct), intake.Content.Headers.ContentType?.ToString(), statusCode: (int)intake.StatusCode);
        }
        var parts = new List<Bundle> { FhirExport.ParseBundle(await intake.Content.ReadAsStringAsync(ct)) };
        foreach (var response in await Task.WhenAll(OtherParts.Select(part => GetPartAsync(client, addresses, part, patientId, authorization, ct))))
        {
            using (response)
            {
                // A service that has not heard of the patient yet (its events still on their way) has nothing to add.
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                    continue;
                if (!response.IsSuccessStatusCode)
                {
                    LogPartFailed(logger, response.RequestMessage?.RequestUri?.Host ?? "service", (int)response.StatusCode);
                    return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Part of the export is unavailable",
                        detail: "A service could not export its part; an incomplete record is not sent. Try again shortly.");
                }
                parts.Add(FhirExport.ParseBundle(await response.Content.ReadAsStringAsync(ct)));
            }
        }
        return Results.Text(FhirExport.Serialize(FhirExport.Merge(parts, clock.GetUtcNow())), FhirExport.MediaType);
    }

    private static async Task<HttpResponseMessage> GetPartAsync(HttpClient client, IReadOnlyDictionary<string, string> addresses, string service, Guid patientId,
        string authorization, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(addresses[service]), $"/api/{service}/patients/{patientId}/fhir"));
        if (!string.IsNullOrEmpty(authorization))
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FHIR export: the {Service} part answered {Status}")]
    private static partial void LogPartFailed(ILogger logger, string service, int status);

    /// <summary>The log category of the export.</summary>
    public sealed class FhirExportLog;
}
