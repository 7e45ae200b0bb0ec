using MassTransit;
using RehabPlatform.Messaging;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Data;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults;

/// <summary>What every one of the four services is made of, wired the same way in each.</summary>
public static class PlatformServiceExtensions
{
    /// <summary>
    /// The hosting defaults (telemetry, health, problem details, token validation), the service's database (audit trail, patient-reach check, idempotent requests), its messaging with outbox
    /// and inbox, and the API conventions. <typeparamref name="TPatientClinics"/> tells the reach check where the
    /// service knows a patient to be treated.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformService<TContext, TSqlite, TPostgres, TPatientClinics>(this IHostApplicationBuilder builder,
        string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
        where TContext : Microsoft.EntityFrameworkCore.DbContext
        where TSqlite : TContext
        where TPostgres : TContext
        where TPatientClinics : class, IPatientClinics
    {
        builder.AddServiceDefaults(serviceName);
        builder.AddServiceDatabase<TContext, TSqlite, TPostgres>(serviceName);
        builder.Services.AddScoped<IPatientClinics, TPatientClinics>();
        builder.AddRehabMessaging<TContext>(serviceName, bus =>
        {
            // Readiness includes the broker by the project's own tag; MassTransit's default tags are not relied on.
            bus.ConfigureHealthCheckOptions(health => health.Tags.Add(HealthTags.Ready));
            consumers?.Invoke(bus);
        });
        builder.AddApiConventions();
        return builder;
    }

    /// <summary>
    /// The default pipeline (problem details, authentication, health), then the API reference at <c>{prefix}/docs</c>,
    /// the service's own resources, and its audit log.
    /// </summary>
    public static WebApplication MapPlatformServiceEndpoints(this WebApplication app, string prefix, Action<IEndpointRouteBuilder> mapResources)
    {
        app.UseServiceDefaults();
        app.MapApiReference(prefix);
        mapResources(app);
        app.MapAuditApi(prefix);
        return app;
    }
}
