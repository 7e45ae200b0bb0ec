using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults.Audit;

/// <summary>Where a service knows a patient to be treated: the clinic, or null when it does not know the patient.</summary>
public interface IPatientClinics
{
    Task<Guid?> ClinicOfAsync(Guid patientId, CancellationToken ct);
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
            }
            return await next(context);
        });

    public static AuditAction ActionOf(string method) => method switch
    {
        "GET" or "HEAD" => AuditAction.Read,
        "PUT" or "PATCH" => AuditAction.Update,
        _ => AuditAction.Create,
    };
}
