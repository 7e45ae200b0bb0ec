using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RehabPlatform.Testing;

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

    public int Requests;

    public static async Task<TestBackend> StartAsync()
    {
        var port = TestEnvironment.FreeHttpPort();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestBackend? backend = null;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref backend!.Requests);
            await next();
        });
        app.MapGet("/health/ready", () => Results.Ok(new { status = "Healthy" }));
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
