using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RehabPlatform.Messaging.Outbox;
using RehabPlatform.Messaging.Tests.Probe;
using RehabPlatform.Testing;

namespace RehabPlatform.Benchmarks;

/// <summary>
/// What the reliability costs: 100 events from the producer to a committed effect at the consumer, through the
/// whole pipeline (state and outbox row in one SQLite transaction, relay with publisher confirms, RabbitMQ,
/// inbox row and effect in one transaction), against the baseline of publishing the same 100 events straight to
/// the broker and handling them in a plain consumer. Both run on the same real RabbitMQ node.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class MessagingPipelineBenchmarks
{
    private const int Batch = 100;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private RabbitMqBroker _broker = null!;
    private string _vhost = null!;
    private ProbeDatabases _databases = null!;
    private readonly List<ProbeHost> _hosts = [];
    private ProbeHost _producer = null!;
    private DeliveryCounter _counter = null!;
    private MeterListener _listener = null!;
    private long _consumed;

    [GlobalSetup(Target = nameof(RawBroker))]
    public async Task SetupRawAsync()
    {
        await StartBrokerAsync();
        _producer = await StartAsync(ProbeRole.Producer, "bench-raw-producer");
        var counter = await StartAsync(ProbeRole.Counter, "bench-raw-counter");
        _counter = counter.Services.GetRequiredService<DeliveryCounter>();
    }

    [GlobalSetup(Target = nameof(FullPipeline))]
    public async Task SetupPipelineAsync()
    {
        await StartBrokerAsync();
        _producer = await StartAsync(ProbeRole.Producer, "bench-producer");
        await StartAsync(ProbeRole.Consumer, "bench-consumer");
        // The inbox counts every committed effect; listening to it avoids polling the consumer's database.
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "rehab.inbox.consumed")
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _consumed, value));
        _listener.Start();
    }

    [Benchmark(Baseline = true, Description = "100 events: publish to broker, plain consumer")]
    public async Task RawBroker()
    {
        var bus = _producer.Services.GetRequiredService<IBus>();
        var target = _counter.ByMessageId.Count + Batch;
        for (var i = 0; i < Batch; i++)
            await bus.Publish(new NoteCreated { NoteId = Guid.NewGuid(), Label = "raw", OccurredAt = DateTimeOffset.UtcNow });
        await UntilAsync(() => _counter.ByMessageId.Count >= target);
    }

    [Benchmark(Description = "100 events: outbox, relay, broker, inbox + effect")]
    public async Task FullPipeline()
    {
        var target = Interlocked.Read(ref _consumed) + Batch;
        for (var i = 0; i < Batch; i++)
        {
            await using var scope = _producer.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
            var note = new Note { Id = Guid.NewGuid(), Label = "pipeline" };
            db.Notes.Add(note);
            db.AddEvent(new NoteCreated { NoteId = note.Id, Label = note.Label, OccurredAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        await UntilAsync(() => Interlocked.Read(ref _consumed) >= target);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _listener?.Dispose();
        foreach (var host in _hosts)
            await host.DisposeAsync();
        await _databases.DisposeAsync();
        await _broker.DeleteVirtualHostAsync(_vhost);
        await _broker.DisposeAsync();
    }

    private async Task StartBrokerAsync()
    {
        _broker = await RabbitMqBroker.StartNewAsync();
        _vhost = await _broker.CreateVirtualHostAsync("bench");
        _databases = new ProbeDatabases(Provider.Sqlite);
    }

    private async Task<ProbeHost> StartAsync(ProbeRole role, string service)
    {
        var host = await ProbeHost.StartAsync(role, service, _broker.AmqpUrl(_vhost), await _databases.CreateAsync(service));
        _hosts.Add(host);
        return host;
    }

    private static async Task UntilAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the batch did not arrive");
            await Task.Delay(1);
        }
    }
}
