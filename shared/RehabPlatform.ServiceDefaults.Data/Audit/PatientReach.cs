using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults.Audit;

/// <summary>Where a service knows a patient to be treated: the clinic, or null when it does not know the patient.</summary>
public interface IPatientClinics
{
    Task<Guid?> ClinicOfAsync(Guid patientId, CancellationToken ct);
}

/// <summary>
/// The patient a request's route names, once the patient-reach check has admitted it. Handlers take this instead
/// of checking the caller's clinics again, so there is one check, and one audit entry for a refusal.
/// </summary>
public sealed class PatientInScope
{
    private (Guid PatientId, Guid ClinicId)? admitted;

    public Guid PatientId => Admitted.PatientId;

    public Guid ClinicId => Admitted.ClinicId;

    private (Guid PatientId, Guid ClinicId) Admitted =>
        admitted ?? throw new InvalidOperationException("This endpoint's route group has no patient-reach check (RequirePatientReach).");

    internal void Admit(Guid patientId, Guid clinicId) => admitted = (patientId, clinicId);
}

/// <summary>The audit action a patient-scoped endpoint records when it differs from what its HTTP method says.</summary>
public sealed record PatientAuditAction(AuditAction Action);

public static class PatientReachExtensions
{
    /// <summary>
    /// Before any handler of these routes runs (so before a body is validated, parsed or decompressed), the
    /// <c>{patientId}</c> of the route must be a patient at one of the caller's clinics. Otherwise the answer is a 404,
    /// the same for an unknown patient and another clinic's, and the attempt is audited as what it was.
    /// </summary>
    public static TBuilder RequirePatientReach<TBuilder>(this TBuilder builder, string resourceType) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.RouteValues.TryGetValue("patientId", out var raw) && Guid.TryParse(raw?.ToString(), out var patientId))
            {
                var clinic = await http.RequestServices.GetRequiredService<IPatientClinics>().ClinicOfAsync(patientId, http.RequestAborted);
                var audit = http.RequestServices.GetRequiredService<AuditTrail>();
                var action = http.GetEndpoint()?.Metadata.GetMetadata<PatientAuditAction>()?.Action ?? ActionOf(http.Request.Method);
                if (!await audit.CanReachPatientAsync(clinic, patientId, resourceType, action, http.RequestAborted))
                    return Problems.NotFound("Patient");
                http.RequestServices.GetRequiredService<PatientInScope>().Admit(patientId, clinic!.Value);
            }
            return await next(context);
        });

    /// <summary>What a service's part of a patient's FHIR export is audited as.</summary>
    public const string FhirExportResourceType = "fhir-export";

    /// <summary>
    /// A service's part of a patient's FHIR export (<c>GET /api/{service}/patients/{patientId}/fhir</c>): clinical staff
    /// only, the patient in reach; the handler stages the audit of what it exported.
    /// </summary>
    public static RouteHandlerBuilder MapPatientFhirExport(this IEndpointRouteBuilder app, string service, Delegate handler) =>
        app.MapGet($"/api/{service}/patients/{{patientId:guid}}/fhir", handler).WithTags("FHIR export")
            .RequireAuthorization(Auth.Policies.ClinicalStaff).RequirePatientReach(FhirExportResourceType)
            .WithMetadata(new PatientAuditAction(AuditAction.Read)).Produces(StatusCodes.Status200OK, contentType: "application/fhir+json");

    public static AuditAction ActionOf(string method) => method switch
    {
        "GET" or "HEAD" => AuditAction.Read,
        "PUT" or "PATCH" => AuditAction.Update,
        _ => AuditAction.Create,
    };
}

public static class PatientInScopeExtensions
{
    /// <summary>The admitted patient's row; the reach check loaded it tracked, so this costs no second query.</summary>
    public static async Task<TPatient> FindInScopeAsync<TPatient>(this Microsoft.EntityFrameworkCore.DbSet<TPatient> patients, PatientInScope scope, CancellationToken ct)
        where TPatient : class =>
        await patients.FindAsync([scope.PatientId], ct) ?? throw new InvalidOperationException("The patient admitted by the reach check is gone.");
}

/// <summary>
/// The clinic of a patient a service keeps as an <see cref="Data.IPatientScoped"/> row keyed by the patient's id (what it
/// knows from Intake's events). The row stays tracked, so the handler's <c>FindInScopeAsync</c> costs no second query.
/// </summary>
public sealed class KnownPatientClinics<TPatient>(Microsoft.EntityFrameworkCore.DbContext db) : IPatientClinics
    where TPatient : class, Data.IPatientScoped
{
    public async Task<Guid?> ClinicOfAsync(Guid patientId, CancellationToken ct) => (await db.Set<TPatient>().FindAsync([patientId], ct))?.ClinicId;
}
