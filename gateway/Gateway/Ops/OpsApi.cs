using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.Gateway.Ops;

/// <summary>
/// The data behind the portal's ops dashboard, for ops and chain admins: /ops/summary (now) and /ops/history (the last
/// hour, kept in memory by <see cref="OpsRecorder"/>, or read from Prometheus when one is configured). Aggregates only: health, throughput, queues and per-clinic counts.
/// </summary>
public static class OpsApi
{
    public static IEndpointRouteBuilder MapOpsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ops").RequireAuthorization(Policies.Ops).WithTags("Ops");
        group.MapGet("/summary", async (OpsSummaryBuilder summary, CancellationToken ct) => TypedResults.Ok(await summary.BuildAsync(ct)));
        group.MapGet("/history", async (OpsHistory history, PrometheusHistory prometheus, CancellationToken ct) =>
            TypedResults.Ok(await prometheus.ViewAsync(history.View(), ct)));
        return app;
    }
}
