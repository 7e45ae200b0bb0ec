using System.Reflection;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using RehabPlatform.Contracts;
using RehabPlatform.Messaging.Outbox;

namespace RehabPlatform.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ (durable queues, publisher confirms, kebab-case endpoints prefixed by the
    /// service name, immediate then interval retries, then _error) plus the outbox relay for
    /// <typeparamref name="TContext"/>. Every publish goes through <c>db.AddEvent(...)</c>; consumers derive
    /// from <see cref="Inbox.IdempotentConsumer{TMessage,TContext}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddRehabMessaging<TContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null,
        params Assembly[] extraEventAssemblies)
        where TContext : DbContext
    {
        var services = builder.Services;
        services.AddOptions<MessagingOptions>()
            .Bind(builder.Configuration.GetSection(MessagingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(new EventTypeRegistry([typeof(IIntegrationEvent).Assembly, .. extraEventAssemblies]));
        services.AddSingleton<MessagingTelemetry>();
        services.AddSingleton<OutboxSignal>();
        services.TryAddTimeProvider();
        // Picked up by the service database registration, which adds every registered interceptor.
        services.AddSingleton<IInterceptor, OutboxSaveChangesInterceptor>();
        services.AddSingleton<IInterceptor, OutboxTransactionInterceptor>();

        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new Inbox.DeclaredEndpointNameFormatter(serviceName));
            configureConsumers?.Invoke(x);

            x.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                var settings = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                endpoint.UseMessageRetry(r => r.Intervals(settings.RetryIntervalsMs.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray()));
                if (settings.ConcurrentMessageLimit is { } limit)
                    endpoint.ConcurrentMessageLimit = limit;
                if (settings.QueueType == BrokerQueueType.Quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                    rabbit.SetQuorumQueue();
            });

            x.UsingRabbitMq((context, cfg) =>
            {
                var settings = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                var broker = BrokerAddress.Parse(settings.BrokerUrl);
                cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
                {
                    h.Username(broker.Username);
                    h.Password(broker.Password);
                    h.PublisherConfirmation = true;
                    if (settings.ClusterNodes.Length > 0)
                        h.UseCluster(cluster =>
                        {
                            cluster.Node($"{broker.Host}:{broker.Port}");
                            foreach (var node in settings.ClusterNodes)
                                cluster.Node(node);
                        });
                });
                cfg.Durable = true;
                cfg.PrefetchCount = settings.PrefetchCount;
                cfg.ConfigureEndpoints(context);
            });
        });

        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<MessagingOptions>>((host, messaging) =>
        {
            host.WaitUntilStarted = messaging.Value.WaitUntilStarted;
            host.StartTimeout = TimeSpan.FromSeconds(60);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });

        // Registered after MassTransit so the bus is starting before the relay's first publish.
        services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }
}

/// <summary>The parts of an amqp:// URL that MassTransit's host configuration takes.</summary>
public sealed record BrokerAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    public static BrokerAddress Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
            throw new OptionsValidationException(nameof(MessagingOptions.BrokerUrl), typeof(MessagingOptions),
                ["Messaging:BrokerUrl must be an amqp:// URL such as amqp://guest:guest@127.0.0.1:5672/"]);
        var credentials = uri.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new BrokerAddress(
            uri.Host,
            (ushort)(uri.IsDefaultPort ? 5672 : uri.Port),
            vhost.Length == 0 ? "/" : vhost,
            credentials.Length > 0 && credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest",
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
    }
}
