using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RehabPlatform.Gateway.Tests;

/// <summary>A stand-in service behind the gateway: echoes what it received, can be slow, and reports ready.</summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestBackend(WebApplication app, int port)
    {
        _app = app;
        Address = $"http://127.0.0.1:{port}/";
    }

    public string Address { get; }

    /// <summary>Requests to the API paths (/api/...) that reached this stand-in.</summary>
    public int Requests;

    /// <summary>What the stand-in serves at /metrics, in the shape the OpenTelemetry Prometheus exporter writes.</summary>
    public const string MetricsText = """
        # TYPE rehab_sessions_logged_total counter
        rehab_sessions_logged_total{otel_scope_name="RehabPlatform.Sessions",clinic="c1",setting="Home"} 3
        rehab_sessions_logged_total{otel_scope_name="RehabPlatform.Sessions",clinic="c1",setting="Clinic"} 2
        # TYPE rehab_outbox_backlog gauge
        rehab_outbox_backlog{otel_scope_name="RehabPlatform.Messaging"} 4
        rehab_outbox_oldest_age_seconds{otel_scope_name="RehabPlatform.Messaging"} 95
        rehab_consumer_lag_milliseconds_bucket{le="+Inf"} 7
        http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200"} 40
        http_server_request_duration_seconds_count{http_request_method="POST",http_response_status_code="500"} 1
        # EOF
        """;

    public static async Task<TestBackend> StartAsync()
    {
        var (app, port) = TestEnvironment.LoopbackApp();
        TestBackend? backend = null;
        app.Use(async (context, next) =>
        {
            // The gateway's own probes (/health, /metrics for the ops history) are not requests that reached the service's API.
            if (context.Request.Path.StartsWithSegments("/api"))
                Interlocked.Increment(ref backend!.Requests);
            await next();
        });
        app.MapGet("/health/ready", () => Results.Ok(new { status = "Healthy" }));
        app.MapGet("/metrics", () => Results.Text(MetricsText, "text/plain; version=0.0.4"));
        app.MapMethods("/api/intake/echo", ["GET", "POST"], async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            return Results.Ok(new { path = request.Path.Value, bodyLength = body.Length, authorized = request.Headers.Authorization.Count > 0 });
        });
        app.MapGet("/api/intake/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            return Results.Ok();
        });
        backend = new TestBackend(app, port);
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
