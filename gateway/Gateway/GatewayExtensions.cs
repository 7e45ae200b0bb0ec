using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using RehabPlatform.Gateway.Apis;
using RehabPlatform.Gateway.Ops;
using RehabPlatform.ServiceDefaults.Auth;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace RehabPlatform.Gateway;

public static class GatewayExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        // Only the gateway mints development tokens (the embedded default); the services only validate tokens.
        builder.Services.AddSingleton<DevTokenIssuer>();
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var proxy = builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        if (builder.Configuration.GetSection(GatewayOptions.SectionName).GetValue<Uri?>(nameof(GatewayOptions.PortalUrl)) is { } portal)
            proxy.LoadFromMemory(PortalRoutes.Routes, [PortalRoutes.Cluster(portal)]);

        // Kestrel admits the largest route's body; each route then enforces its own limit.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
            kestrel.Limits.MaxRequestBodySize = gateway.Value.LargestBodyLimit);

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(CallerKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimitPermits,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = RateLimitRejection.WriteAsync;
        });

        builder.Services.AddHttpClient(AggregatedHealth.HttpClientName);
        builder.Services.AddHttpClient(FhirPatientExport.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddHttpClient(OpsSummaryBuilder.HttpClientName);
        builder.Services.AddSingleton<OpsSummaryBuilder>();
        builder.Services.AddSingleton<OpsHistory>();
        builder.Services.AddHttpClient(PrometheusHistory.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<PrometheusHistory>();
        builder.Services.AddHostedService<OpsRecorder>();
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapDevTokensApi();
        app.MapOpsApi();
        app.MapFhirExportApi();
        // A custom pipeline replaces YARP's default one, so its balancing and passive health steps are named here:
        // without them each request went to a replica picked at random, dead or alive.
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(EnforceRouteBodyLimitAsync);
            proxy.Use(TranslateForwarderErrorsAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    // Health and token endpoints are not limited: ops must always see health, and they carry no patient data.
    private static string CallerKey(HttpContext context) =>
        context.User.FindFirst(RehabClaims.Subject)?.Value is { } subject
            ? "sub:" + subject
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async Task EnforceRouteBodyLimitAsync(HttpContext context, Func<Task> next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var routeId = context.GetReverseProxyFeature().Route.Config.RouteId;
        var limit = options.MaxBodyBytesByRoute.TryGetValue(routeId, out var routeLimit) ? routeLimit : options.MaxBodyBytes;

        if (context.Request.ContentLength > limit)
        {
            await WriteTooLargeAsync(context, limit);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = limit;
        await next();
    }

    // A chunked body that outgrows the limit surfaces as a forwarding error; report it as the 413 it is.
    private static async Task TranslateForwarderErrorsAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error?.Exception is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } && !context.Response.HasStarted)
        {
            var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
            await WriteTooLargeAsync(context, options.MaxBodyBytes);
        }
    }

    private static Task WriteTooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "Request body too large", Detail = $"This route accepts at most {limit} bytes." },
        }).AsTask();
    }
}

internal static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.RateLimitWindow;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "Slow down and retry after the number of seconds in Retry-After." },
        });
    }
}
