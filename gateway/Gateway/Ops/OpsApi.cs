using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.Gateway.Ops;

/// <summary>
/// The data behind the portal's ops dashboard, for ops and chain admins: /ops/summary (now) and /ops/history (the last
/// hour, kept in memory by <see cref="OpsRecorder"/>). Aggregates only: health, throughput, queues and per-clinic counts.
/// </summary>
public static class OpsApi
{
    public static IEndpointRouteBuilder MapOpsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ops").RequireAuthorization(Policies.Ops).WithTags("Ops");
        group.MapGet("/summary", async (OpsSummaryBuilder summary, CancellationToken ct) => TypedResults.Ok(await summary.BuildAsync(ct)));
        group.MapGet("/history", (OpsHistory history) => TypedResults.Ok(history.View()));
        return app;
    }
}
