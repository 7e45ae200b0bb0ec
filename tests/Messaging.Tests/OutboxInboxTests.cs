using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RehabPlatform.Messaging.Inbox;
using RehabPlatform.Messaging.Outbox;
using RehabPlatform.Messaging.Tests.Probe;

namespace RehabPlatform.Messaging.Tests;

/// <summary>
/// The outbox and inbox against a real RabbitMQ node and a real database, once per provider. Each test gets
/// its own virtual host and databases; tests that stop the broker get their own node.
/// </summary>
public abstract class OutboxInboxTests(Provider provider) : IAsyncLifetime
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);
    private readonly ProbeDatabases _databases = new(provider);
    private readonly List<IAsyncDisposable> _hosts = [];
    private RabbitMqBroker _broker = null!;
    private string _vhost = null!;

    public async Task InitializeAsync()
    {
        _broker = await SharedServers.BrokerAsync();
        _vhost = await _broker.CreateVirtualHostAsync("outbox");
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
            await host.DisposeAsync();
        await _broker.DeleteVirtualHostAsync(_vhost);
        await _databases.DisposeAsync();
    }

    [Fact]
    public async Task Event_saved_with_a_state_change_reaches_a_consumer_in_another_host_inside_the_producers_trace()
    {
        var (producer, consumer) = await StartPairAsync(_broker.AmqpUrl(_vhost));
        var traceId = ActivityTraceId.CreateRandom();
        using var client = new HttpClient { BaseAddress = producer.BaseAddress };
        HttpResponseMessage response;
        // The caller's trace: HttpClient propagates it to the producer as traceparent.
        using (new Activity("caller").SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start())
            response = await client.PostAsJsonAsync("notes", new CreateNote("hello"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var note = await response.Content.ReadFromJsonAsync<Note>();
        var effect = await Eventually.MatchAsync(
            () => consumer.WithDbAsync(db => db.Effects.SingleOrDefaultAsync(e => e.NoteId == note!.Id)),
            e => e is not null, DeliveryTimeout, "the consumer's effect");
        var stored = await producer.WithDbAsync(db => db.Set<OutboxMessage>().Select(m => m.TraceParent).SingleAsync());
        Assert.Contains(traceId.ToString(), stored);
        Assert.Equal(traceId.ToString(), effect!.TraceId);
        Assert.True(await producer.WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.DeliveredAtMs != null)));
    }

    [Fact]
    public async Task Hundred_changes_accepted_while_the_broker_is_down_are_each_delivered_once_after_it_restarts()
    {
        await using var broker = await RabbitMqBroker.StartNewAsync();
        var (producer, consumer) = await StartPairAsync(broker.AmqpUrl());
        using var client = new HttpClient { BaseAddress = producer.BaseAddress };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("notes", new CreateNote("warm-up"))).StatusCode);
        await Eventually.MatchAsync(consumer.EffectCountAsync, n => n == 1, DeliveryTimeout, "the warm-up effect");

        await broker.StopAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
            statuses.Add((await client.PostAsJsonAsync("notes", new CreateNote($"offline-{i}"))).StatusCode);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(100, await producer.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.DeliveredAtMs == null)));

        await broker.StartAsync();

        await Eventually.MatchAsync(consumer.EffectCountAsync, n => n >= 101, TimeSpan.FromSeconds(120), "101 effects after the restart");
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show up now
        var perNote = await consumer.WithDbAsync(db => db.Effects.GroupBy(e => e.NoteId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(101, perNote.Count);
        Assert.All(perNote, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task The_same_message_delivered_three_times_has_one_effect()
    {
        var (producer, consumer) = await StartPairAsync(_broker.AmqpUrl(_vhost));
        var bus = producer.Services.GetRequiredService<IBus>();
        var messageId = NewId.NextGuid();
        var evt = new NoteCreated { NoteId = Guid.NewGuid(), Label = "thrice", OccurredAt = DateTimeOffset.UtcNow };

        for (var i = 0; i < 3; i++)
            await bus.Publish(evt, context => context.MessageId = messageId);

        await Eventually.MatchAsync(() => consumer.WithDbAsync(db => db.Set<Inbox.InboxMessage>().CountAsync()), n => n == 1, DeliveryTimeout, "the inbox row");
        var sentinel = await PostNoteAsync(producer, "after");
        await Eventually.MatchAsync(() => consumer.WithDbAsync(db => db.Effects.AnyAsync(e => e.NoteId == sentinel)), found => found, DeliveryTimeout, "a later message");
        Assert.Equal(1, await consumer.WithDbAsync(db => db.Effects.CountAsync(e => e.NoteId == evt.NoteId)));
    }

    [Fact]
    public async Task A_consumer_that_always_throws_sends_its_message_to_the_error_queue_and_other_messages_keep_flowing()
    {
        var (producer, consumer) = await StartPairAsync(_broker.AmqpUrl(_vhost));
        var errorQueue = new DeclaredEndpointNameFormatter(ConsumerService).Consumer<NoteEffectConsumer>() + "_error";

        await PostNoteAsync(producer, NoteEffectConsumer.PoisonLabel);
        var good = new List<Guid>();
        for (var i = 0; i < 5; i++)
            good.Add(await PostNoteAsync(producer, $"good-{i}"));

        await Eventually.MatchAsync(() => consumer.WithDbAsync(db => db.Effects.CountAsync(e => good.Contains(e.NoteId))), n => n == 5, DeliveryTimeout, "the five good effects");
        await Eventually.MatchAsync(() => _broker.QueueMessageCountAsync(_vhost, errorQueue), n => n == 1, DeliveryTimeout, "one message in " + errorQueue);
        Assert.Equal(5, await consumer.EffectCountAsync());
    }

    [Fact]
    public async Task The_replay_command_moves_a_message_that_failed_a_moment_ago_back_for_another_try_once_the_cause_is_fixed()
    {
        var (producer, consumer) = await StartPairAsync(_broker.AmqpUrl(_vhost));
        var queue = new DeclaredEndpointNameFormatter(ConsumerService).Consumer<NoteEffectConsumer>();
        var noteId = await PostNoteAsync(producer, NoteEffectConsumer.DefectLabel);

        // The command runs as soon as the fault is in the queue, before the management statistics can know of it.
        var faultedAt = await Eventually.MatchAsync(() => FaultTimestampAsync(queue + "_error"), t => t is not null, DeliveryTimeout, "the message in " + queue + "_error");
        consumer.Services.GetRequiredService<FixableDefect>().Fixed = true;
        var said = await TestEnvironment.RunScriptAsync("deploy/replay-errors.sh", queue, "--vhost", _vhost,
            "--management", $"http://127.0.0.1:{_broker.ManagementPort}");
        var commandDoneAfterFault = DateTimeOffset.UtcNow - faultedAt!.Value;
        TestEnvironment.Report($"Replay command: moved a message {commandDoneAfterFault.TotalMilliseconds:0} ms after its fault: {said.Trim()}");

        Assert.Contains($"Moved 1 message(s) from {queue}_error to {queue}.", said);
        await Eventually.MatchAsync(() => consumer.WithDbAsync(db => db.Effects.CountAsync(e => e.NoteId == noteId)), n => n == 1, DeliveryTimeout, "the replayed note's effect");
        Assert.Equal(0, await _broker.QueueMessageCountAsync(_vhost, queue + "_error"));
    }

    [Fact]
    public async Task The_replay_command_says_there_is_nothing_to_replay_only_when_the_error_queue_is_empty()
    {
        const string queue = "probe-nothing-failed";
        await _broker.DeclareQueueAsync(_vhost, queue);
        await _broker.DeclareQueueAsync(_vhost, queue + "_error");

        var said = await TestEnvironment.RunScriptAsync("deploy/replay-errors.sh", queue, "--vhost", _vhost,
            "--management", $"http://127.0.0.1:{_broker.ManagementPort}");

        Assert.Contains($"Nothing to replay: {queue}_error has no messages ready.", said);
    }

    private async Task<DateTimeOffset?> FaultTimestampAsync(string errorQueue)
    {
        var headers = await _broker.PeekHeadersAsync(_vhost, errorQueue);
        return headers
            .Where(h => h.ValueKind == JsonValueKind.Object && h.TryGetProperty("MT-Fault-Timestamp", out _))
            .Select(h => (DateTimeOffset?)DateTimeOffset.Parse(h.GetProperty("MT-Fault-Timestamp").GetString()!, CultureInfo.InvariantCulture))
            .FirstOrDefault();
    }

    [Fact]
    public async Task A_host_stopped_after_its_commit_and_before_the_relay_ran_delivers_the_event_after_restart()
    {
        var producerDb = await _databases.CreateAsync("producer");
        var consumer = await StartAsync(ProbeRole.Consumer, ConsumerService, _broker.AmqpUrl(_vhost), await _databases.CreateAsync("consumer"));
        var crashed = await ProbeHost.StartAsync(ProbeRole.Producer, ProducerService, _broker.AmqpUrl(_vhost), producerDb, relayEnabled: false);
        var noteId = await PostNoteAsync(crashed, "committed-not-relayed");
        await crashed.DisposeAsync();
        Assert.Equal(0, await consumer.EffectCountAsync());

        await StartAsync(ProbeRole.Producer, ProducerService, _broker.AmqpUrl(_vhost), producerDb);

        await Eventually.MatchAsync(() => consumer.WithDbAsync(db => db.Effects.CountAsync(e => e.NoteId == noteId)), n => n == 1, DeliveryTimeout, "the effect after restart");
    }

    protected const string ProducerService = "probe-producer";
    protected const string ConsumerService = "probe-consumer";

    protected ProbeDatabases Databases => _databases;

    protected string VirtualHostUrl => _broker.AmqpUrl(_vhost);

    protected async Task<ProbeHost> StartAsync(ProbeRole role, string serviceName, string brokerUrl, string connectionString)
    {
        var host = await ProbeHost.StartAsync(role, serviceName, brokerUrl, connectionString);
        _hosts.Add(host);
        return host;
    }

    private async Task<(ProbeHost Producer, ProbeHost Consumer)> StartPairAsync(string brokerUrl)
    {
        var consumer = await StartAsync(ProbeRole.Consumer, ConsumerService, brokerUrl, await _databases.CreateAsync("consumer"));
        var producer = await StartAsync(ProbeRole.Producer, ProducerService, brokerUrl, await _databases.CreateAsync("producer"));
        return (producer, consumer);
    }

    protected static async Task<Guid> PostNoteAsync(ProbeHost producer, string label)
    {
        using var client = new HttpClient { BaseAddress = producer.BaseAddress };
        var response = await client.PostAsJsonAsync("notes", new CreateNote(label));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Note>())!.Id;
    }
}

public sealed class SqliteOutboxInboxTests() : OutboxInboxTests(Provider.Sqlite);

public sealed class PostgresOutboxInboxTests() : OutboxInboxTests(Provider.Postgres)
{
    [Fact]
    public async Task Two_relays_on_one_database_publish_no_row_twice()
    {
        const int Events = 400;
        var producerDb = await Databases.CreateAsync("producer");
        var counterHost = await StartAsync(ProbeRole.Counter, "probe-counter", VirtualHostUrl, await Databases.CreateAsync("counter"));
        var first = await StartAsync(ProbeRole.Producer, ProducerService, VirtualHostUrl, producerDb);
        var second = await StartAsync(ProbeRole.Producer, ProducerService, VirtualHostUrl, producerDb);

        // Both hosts write and both relays race for every row.
        var writes = Enumerable.Range(0, Events).Select(i => PostNoteAsync(i % 2 == 0 ? first : second, $"race-{i}"));
        await Task.WhenAll(writes);

        var counter = counterHost.Services.GetRequiredService<DeliveryCounter>();
        await Eventually.MatchAsync(() => Task.FromResult(counter.ByMessageId.Count), n => n == Events, TimeSpan.FromSeconds(90), $"{Events} distinct deliveries");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(Events, counter.ByMessageId.Count);
        Assert.All(counter.ByMessageId.Values, deliveries => Assert.Equal(1, deliveries));
    }
}
