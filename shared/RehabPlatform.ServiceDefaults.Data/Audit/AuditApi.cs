using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http;
using RehabPlatform.ServiceDefaults.Data;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults.Audit;

public static class AuditApi
{
    public sealed record AuditEntryView(long Id, DateTimeOffset At, string UserId, string Role, Guid? ClinicId, Guid? PatientId,
        string ResourceType, string? ResourceId, string Action, string Outcome, string? Purpose);

    /// <summary>The audit log's filters; every one is optional and they combine with AND.</summary>
    public sealed record AuditQuery(Guid? PatientId, string? UserId, string? Resource, string? Outcome, DateTimeOffset? From, DateTimeOffset? To, int? Page, int? PageSize);

    /// <summary>GET {prefix}/audit: the service's audit log for chain admins, newest first, filtered by patient, user, resource, outcome and time.</summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app, string prefix)
    {
        var group = app.MapGroup(prefix + "/audit").RequireAuthorization(Policies.ChainAdmin).WithTags("Audit");
        group.MapGet("/", ListAsync);
        return group;
    }

    private static async Task<Results<Ok<Page<AuditEntryView>>, ValidationProblem>> ListAsync(DbContext db, [AsParameters] AuditQuery filter, CancellationToken ct)
    {
        var errors = PageRequest.Validate(filter.Page, filter.PageSize) ?? [];
        AuditOutcome? outcome = null;
        if (filter.Outcome is not null)
        {
            if (Enum.TryParse<AuditOutcome>(filter.Outcome, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
                outcome = parsed;
            else
                errors["outcome"] = ["One of: " + string.Join(", ", Enum.GetNames<AuditOutcome>()) + "."];
        }
        if (filter.Resource is { Length: > 64 })
            errors["resource"] = ["At most 64 characters."];
        if (filter.UserId is { Length: > 200 })
            errors["userId"] = ["At most 200 characters."];
        if (filter.From > filter.To)
            errors["from"] = ["On or before 'to'."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var query = db.Set<AuditEntry>().AsNoTracking();
        if (filter.PatientId is { } patient)
            query = query.Where(e => e.PatientId == patient);
        if (!string.IsNullOrWhiteSpace(filter.UserId))
            query = query.Where(e => e.UserId == filter.UserId);
        if (!string.IsNullOrWhiteSpace(filter.Resource))
            query = query.Where(e => e.ResourceType == filter.Resource);
        if (outcome is { } wanted)
            query = query.Where(e => e.Outcome == wanted);
        if (filter.From is { } from)
            query = query.Where(e => e.At >= from);
        if (filter.To is { } to)
            query = query.Where(e => e.At < to);
        var request = PageRequest.From(filter.Page, filter.PageSize);
        var (items, total) = await query.OrderByDescending(e => e.Id).ReadPageAsync(request, ct);
        return TypedResults.Ok(request.Of(items.Select(e => new AuditEntryView(e.Id, e.At, e.UserId, e.Role, e.ClinicId, e.PatientId, e.ResourceType, e.ResourceId,
            e.Action.ToString(), e.Outcome.ToString(), e.Purpose)), total));
    }
}
