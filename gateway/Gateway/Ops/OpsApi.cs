using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.Gateway.Ops;

/// <summary>
/// /ops: a page for the ops team of the embedded default (production uses the Grafana dashboards in
/// deploy/grafana). The page itself holds no data; it reads /ops/summary with an ops or chain-admin token.
/// </summary>
public static class OpsApi
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(OpsApi).Assembly.GetManifestResourceStream("RehabPlatform.Gateway.Ops.ops.html")
            ?? throw new InvalidOperationException("the ops page is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IEndpointRouteBuilder MapOpsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops", () => TypedResults.Content(Page.Value, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ops/summary", async (OpsSummaryBuilder summary, CancellationToken ct) => TypedResults.Ok(await summary.BuildAsync(ct)))
            .RequireAuthorization(Policies.Ops);
        return app;
    }
}
