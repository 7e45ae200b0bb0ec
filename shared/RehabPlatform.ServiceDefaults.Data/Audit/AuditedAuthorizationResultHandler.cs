using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace RehabPlatform.ServiceDefaults.Audit;

/// <summary>
/// Audits every request a route's role policy refuses (403): who tried, which route, and which patient where the
/// route names one. Refusals for data are audited where the data is read; these happen before any handler runs.
/// </summary>
internal sealed class AuditedAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.RequestServices.GetService<AuditTrail>() is { } audit)
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
            Guid? patientId = context.Request.RouteValues.TryGetValue("patientId", out var value) && Guid.TryParse(value?.ToString(), out var id) ? id : null;
            var action = PatientReachExtensions.ActionOf(context.Request.Method);
            await audit.RecordAsync(route.Length > 100 ? route[..100] : route, null, null, patientId, action, AuditOutcome.Denied,
                AuditPurposes.RolePolicy, context.RequestAborted);
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
