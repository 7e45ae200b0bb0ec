using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults.Audit;

public static class AuditApi
{
    public sealed record AuditEntryView(long Id, DateTimeOffset At, string UserId, string Role, Guid? ClinicId, Guid? PatientId,
        string ResourceType, string? ResourceId, string Action, string Outcome, string? Purpose);

    /// <summary>GET {prefix}/audit: the service's audit log for chain admins, newest first, filtered by patient or user.</summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix + "/audit").RequireAuthorization(Policies.ChainAdmin).WithTags("Audit");
        group.MapGet("/", ListAsync);
        return group;
    }

    private static async Task<Results<Ok<Page<AuditEntryView>>, ValidationProblem>> ListAsync(
        DbContext db, Guid? patientId, string? userId, int? page, int? pageSize, CancellationToken ct)
    {
        if (PageRequest.Validate(page, pageSize) is { } errors)
            return TypedResults.ValidationProblem(errors);
        var request = PageRequest.From(page, pageSize);
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (patientId is { } patient)
            query = query.Where(e => e.PatientId == patient);
        if (!string.IsNullOrWhiteSpace(userId))
            query = query.Where(e => e.UserId == userId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Id).Skip(request.Skip).Take(request.Size)
            .Select(e => new AuditEntryView(e.Id, e.At, e.UserId, e.Role, e.ClinicId, e.PatientId, e.ResourceType, e.ResourceId, e.Action.ToString(), e.Outcome.ToString(), e.Purpose))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<AuditEntryView>(items, request.Number, request.Size, total));
    }
}
