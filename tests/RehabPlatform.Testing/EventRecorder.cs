using System.Collections.Concurrent;
using MassTransit;
using RehabPlatform.Messaging;

namespace RehabPlatform.Testing;

/// <summary>
/// Subscribes to events on a real broker, as another service would, and keeps every delivery: tests count
/// what a service published ("exactly one IntakeCompleted").
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _received;

    private EventRecorder(IHost host, ConcurrentQueue<(Guid?, object)> received)
    {
        _host = host;
        _received = received;
    }

    public static async Task<EventRecorder> StartAsync(string brokerUrl, params Type[] eventTypes)
    {
        var received = new ConcurrentQueue<(Guid?, object)>();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(received);
        builder.Services.AddMassTransit(x =>
        {
            foreach (var type in eventTypes)
                x.AddConsumer(typeof(RecordingConsumer<>).MakeGenericType(type));
            // A prefix per recorder: two recorders on one virtual host must not compete for one queue.
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter("test-recorder-" + Guid.NewGuid().ToString("N")[..8], false));
            x.UsingRabbitMq((context, cfg) =>
            {
                var broker = BrokerAddress.Parse(brokerUrl);
                cfg.Host(broker.Host, broker.Port, broker.VirtualHost, h =>
                {
                    h.Username(broker.Username);
                    h.Password(broker.Password);
                });
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new EventRecorder(host, received);
    }

    /// <summary>Publishes as another service would; a fixed message id lets tests deliver the same message again.</summary>
    public Task PublishAsync<T>(T message, Guid? messageId = null) where T : class =>
        _host.Services.GetRequiredService<IBus>().Publish(message, context =>
        {
            if (messageId is { } id)
                context.MessageId = id;
        });

    public IReadOnlyList<T> Received<T>() where T : class => _received.Select(r => r.Message).OfType<T>().ToList();

    public Task<IReadOnlyList<T>> WaitForAsync<T>(Func<T, bool> match, int count = 1, TimeSpan? timeout = null) where T : class =>
        Eventually.MatchAsync(() => Task.FromResult<IReadOnlyList<T>>(Received<T>().Where(match).ToList()), list => list.Count >= count,
            timeout ?? TimeSpan.FromSeconds(30), $"{count} {typeof(T).Name}");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class RecordingConsumer<T>(ConcurrentQueue<(Guid?, object)> received) : IConsumer<T> where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            received.Enqueue((context.MessageId, context.Message));
            return Task.CompletedTask;
        }
    }
}
