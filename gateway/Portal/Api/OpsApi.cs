using RehabPlatform.Ops;

namespace RehabPlatform.Portal.Api;

/// <summary>The gateway's aggregates for ops and chain admins: health now, the last hour, and every service's audit log.</summary>
public sealed class OpsApi(GatewayClient gateway)
{
    private const string Service = "The gateway";

    /// <summary>The services whose audit logs a chain admin can read, with their route prefixes.</summary>
    public static readonly IReadOnlyList<string> AuditedServices = ["intake", "programs", "sessions", "form"];

    public Task<ApiResult<OpsSummary>> SummaryAsync(CancellationToken ct = default) => gateway.GetAsync<OpsSummary>(Service, "ops/summary", ct);

    public Task<ApiResult<OpsHistoryView>> HistoryAsync(CancellationToken ct = default) => gateway.GetAsync<OpsHistoryView>(Service, "ops/history", ct);

    public Task<ApiResult<Page<AuditEntry>>> AuditAsync(string service, AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        var query = Query.Of(("page", page.ToString()), ("pageSize", pageSize.ToString()), ("userId", filter.UserId), ("patientId", filter.PatientId?.ToString()),
            ("resource", filter.Resource), ("outcome", filter.Outcome), ("from", filter.From?.ToString("O")), ("to", filter.To?.ToString("O")));
        return gateway.GetAsync<Page<AuditEntry>>(service, $"api/{service}/audit{query}", ct);
    }
}

public sealed record OpsSummary(DateTimeOffset At, IReadOnlyList<string> Attention, IReadOnlyList<ServiceOps> Services, QueueReport Queues);

public sealed record ServiceOps(string Name, string Status, long? Requests, long? ServerErrors, double? OutboxBacklog, double? OutboxOldestAgeSeconds, string? MetricsError);

public sealed record QueueReport(bool Available, string? Error, IReadOnlyList<QueueView> Queues);

public sealed record QueueView(string Name, long? Ready, long? Unacknowledged, int Consumers, bool IsErrorQueue);

public sealed record AuditEntry(long Id, DateTimeOffset At, string UserId, string Role, Guid? ClinicId, Guid? PatientId,
    string ResourceType, string? ResourceId, string Action, string Outcome, string? Purpose);

/// <summary>The audit log's filters as the viewer's form holds them; empty ones are not sent.</summary>
public sealed class AuditFilter
{
    public string? UserId { get; set; }
    public Guid? PatientId { get; set; }
    public string? Resource { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }
}
