using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Activity sources and meters of the project itself ("RehabPlatform.Intake", "RehabPlatform.Messaging", ...).</summary>
    public const string ProjectTelemetryPrefix = "RehabPlatform.*";

    private const string HealthPathPrefix = "/health";
    private const string MetricsPath = "/metrics";

    /// <summary>
    /// Telemetry (traces, metrics, logs; OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; Prometheus), health checks,
    /// ProblemDetails, JWT bearer authentication with the caller context and request body limits.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddPlatformTelemetry(serviceName);

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: [HealthTags.Live]);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddJsonBodyRules();
        // Binding failures throw in every environment so that they become ProblemDetails with field errors.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.Services.AddOptions<RequestLimitsOptions>().Bind(builder.Configuration.GetSection(RequestLimitsOptions.SectionName));
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes);

        builder.AddTokenAuthentication();
        return builder;
    }

    /// <summary>
    /// Exception handling, authentication and the health and metrics endpoints (anonymous).
    /// <paramref name="beforeAuthorization"/> adds middleware that needs the authenticated caller, such as rate limiting.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<IApplicationBuilder>? beforeAuthorization = null)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseJsonCharsetCheck();
        app.Use((context, next) =>
        {
            // Responses carry patient data: no cache may keep them, and no browser may guess their type.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseAuthentication();
        beforeAuthorization?.Invoke(app);
        app.UseAuthorization();

        app.MapHealthChecks($"{HealthPathPrefix}/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Live),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();
        app.MapHealthChecks($"{HealthPathPrefix}/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteHealthAsync,
            // A degraded dependency (the bus still connecting) is not ready to take traffic.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        // Where Metrics:Port is set (the gateway in production), metrics answer only on that port, which is not
        // published: the port is the connection's own, not the client's Host header.
        var metricsPort = app.Configuration.GetValue<int>("Metrics:Port");
        if (metricsPort > 0)
        {
            app.Use((context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(MetricsPath) && context.Connection.LocalPort != metricsPort)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
                return next(context);
            });
        }
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        return app;
    }

    /// <summary>Traces, metrics and logs as every process of the platform exports them (the portal uses this alone).</summary>
    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource("MassTransit", "Yarp.ReverseProxy", ProjectTelemetryPrefix))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Npgsql", ProjectTelemetryPrefix)
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
        return builder;
    }

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments(HealthPathPrefix) || path.StartsWithSegments(MetricsPath);

    private static void AddTokenAuthentication(this IHostApplicationBuilder builder)
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CallerContext>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.SectionName));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, authOptions) =>
            {
                var auth = authOptions.Value;
                jwt.MapInboundClaims = false;
                // A refused token is a plain 401: why it failed (expired at, key not found) helps only an attacker.
                jwt.IncludeErrorDetails = false;
                jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = auth.Issuer,
                    ValidateAudience = true,
                    ValidAudience = auth.Audience,
                    ValidateLifetime = true,
                    ClockSkew = auth.ClockSkew,
                    NameClaimType = RehabClaims.Subject,
                    RoleClaimType = RehabClaims.Role,
                };
                if (!string.IsNullOrWhiteSpace(auth.Authority))
                {
                    // Production: signing keys and issuer come from the provider's discovery document.
                    jwt.Authority = auth.Authority;
                    jwt.Audience = auth.Audience;
                    jwt.TokenValidationParameters.ValidIssuer = null;
                    jwt.TokenValidationParameters.ValidateIssuer = true;
                }
                else
                {
                    if (!isDevelopment && auth.DevSigningKey == AuthOptions.PublicDevelopmentKey)
                        throw new InvalidOperationException("The public development signing key is refused outside Development: configure Auth:Authority.");
                    jwt.TokenValidationParameters.IssuerSigningKey = auth.DevelopmentSigningKey()
                        ?? throw new InvalidOperationException("Configure Auth:Authority (production) or Auth:DevSigningKey (embedded default).");
                }
                if (auth.PatientKey(isDevelopment) is { } patientKey)
                {
                    // Accepted beside the staff issuer (the handler adds the provider's issuer and keys to these lists).
                    jwt.TokenValidationParameters.ValidIssuers = [auth.PatientIssuer];
                    jwt.TokenValidationParameters.IssuerSigningKeys = [patientKey];
                    jwt.Events = new JwtBearerEvents { OnTokenValidated = context => PatientTokens.RequireConsistent(context, auth.PatientIssuer, patientKey) };
                }
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ClinicalStaff, p => p.RequireRole(Roles.ChainAdmin, Roles.ClinicManager, Roles.Therapist))
            .AddPolicy(Policies.PatientOrStaff, p => p.RequireRole(Roles.ChainAdmin, Roles.ClinicManager, Roles.Therapist, Roles.Patient))
            .AddPolicy(Policies.ChainAdmin, p => p.RequireRole(Roles.ChainAdmin))
            .AddPolicy(Policies.Ops, p => p.RequireRole(Roles.Ops, Roles.ChainAdmin))
            .AddPolicy(Policies.Outcomes, p => p.RequireRole(Roles.Ops, Roles.ChainAdmin, Roles.ClinicManager));
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
