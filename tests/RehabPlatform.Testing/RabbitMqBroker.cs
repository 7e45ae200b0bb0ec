using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DotNet.Testcontainers.Containers;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Testcontainers.RabbitMq;

namespace RehabPlatform.Testing;

/// <summary>
/// A real RabbitMQ node that a test controls: it can be stopped, killed and started again on the same ports
/// and data. Where a Docker engine answers (or REHAB_TEST_BROKER=container) it is a Testcontainers container
/// of the official image; otherwise (REHAB_TEST_BROKER=process, the default on machines without Docker) a
/// local node started by deploy/local/rabbitmq-node.sh.
/// </summary>
public abstract class RabbitMqBroker : IAsyncDisposable
{
    private static readonly HttpClient Management = new() { Timeout = TimeSpan.FromSeconds(10) };

    protected RabbitMqBroker(int amqpPort, int managementPort)
    {
        AmqpPort = amqpPort;
        ManagementPort = managementPort;
    }

    public int AmqpPort { get; }

    public int ManagementPort { get; }

    public string AmqpUrl(string virtualHost = "/") =>
        $"amqp://guest:guest@127.0.0.1:{AmqpPort}/{Uri.EscapeDataString(virtualHost == "/" ? "" : virtualHost)}";

    /// <summary>Brokers that came from Testcontainers in this test process, for the run's report.</summary>
    private static int _containerBrokers;

    /// <summary>
    /// A broker that no test stops or kills (shared within a test project): a Testcontainers container where a Docker
    /// engine answers or deploy/test.sh has set up podman's socket and a local image (REHAB_TEST_CONTAINER_BROKER_IMAGE).
    /// </summary>
    public static Task<RabbitMqBroker> StartSharedAsync() => StartAsync(Environment.GetEnvironmentVariable("REHAB_TEST_BROKER")
        ?? (Environment.GetEnvironmentVariable("REHAB_TEST_CONTAINER_BROKER_IMAGE") is not null || TestEnvironment.DockerEngineAvailable() ? "container" : "process"));

    /// <summary>
    /// A broker of the test's own, which it may stop, kill -9 and restart: a local process unless a real Docker engine
    /// answers (podman's containers here cannot be killed abruptly, so fault tests keep the local node).
    /// </summary>
    public static Task<RabbitMqBroker> StartNewAsync() => StartAsync(Environment.GetEnvironmentVariable("REHAB_TEST_BROKER")
        ?? (TestEnvironment.PullingDockerEngineAvailable() ? "container" : "process"));

    private static async Task<RabbitMqBroker> StartAsync(string mode)
    {
        RabbitMqBroker broker = mode switch
        {
            "container" => ContainerRabbitMqBroker.Create(),
            "process" => ProcessRabbitMqBroker.Create(),
            _ => throw new InvalidOperationException("REHAB_TEST_BROKER must be 'process' or 'container'."),
        };
        await broker.StartAsync();
        if (broker is ContainerRabbitMqBroker container)
            TestEnvironment.Report($"Testcontainers: broker {Interlocked.Increment(ref _containerBrokers)} of this test process from {container.Image} through {Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "the Docker engine"}");
        return broker;
    }

    public abstract Task StartAsync();

    /// <summary>Graceful stop; queues and persistent messages survive.</summary>
    public abstract Task StopAsync();

    /// <summary>Abrupt end of the broker process (kill -9 where the platform allows it).</summary>
    public abstract Task KillAsync();

    public abstract ValueTask DisposeAsync();

    /// <summary>Stops the broker without blocking the exiting test process.</summary>
    public virtual void StopAtProcessExit() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A fresh virtual host, so parallel test hosts never consume each other's messages.</summary>
    public async Task<string> CreateVirtualHostAsync(string prefix = "test")
    {
        var vhost = $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";
        await SendManagementAsync(HttpMethod.Put, $"api/vhosts/{Uri.EscapeDataString(vhost)}", new { });
        await SendManagementAsync(HttpMethod.Put, $"api/permissions/{Uri.EscapeDataString(vhost)}/guest", new { configure = ".*", write = ".*", read = ".*" });
        return vhost;
    }

    public Task DeclareQueueAsync(string vhost, string queue) =>
        SendManagementAsync(HttpMethod.Put, $"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}", new { durable = true });

    public Task DeleteQueueAsync(string vhost, string queue) =>
        SendManagementAsync(HttpMethod.Delete, $"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}", null);

    public Task DeleteVirtualHostAsync(string vhost) =>
        SendManagementAsync(HttpMethod.Delete, $"api/vhosts/{Uri.EscapeDataString(vhost)}", null);

    /// <summary>
    /// Messages ready in a queue, read live from the queue itself (a passive declare), or null when the queue does
    /// not exist. Never the management API's counters: those are refreshed only on its statistics tick (every 5 s),
    /// so right after a fault they can still read 0. Messages a consumer holds unacknowledged are not counted.
    /// </summary>
    public async Task<int?> QueueMessageCountAsync(string vhost, string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(AmqpUrl(vhost)), ClientProvidedName = "rehab-tests-queue-count" };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (int)(await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>A queue's type ("classic", "quorum") and how many nodes hold a replica of it, from the management API.</summary>
    public async Task<(string Type, int Members)> QueueTypeAsync(string vhost, string queue)
    {
        using var request = ManagementRequest(HttpMethod.Get, $"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}", null);
        using var response = await Management.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var type = document.RootElement.GetProperty("type").GetString()!;
        return (type, document.RootElement.TryGetProperty("members", out var members) ? members.GetArrayLength() : 1);
    }

    /// <summary>
    /// Publishes raw bytes straight onto a queue (the default exchange) through the management API, as a producer
    /// that bypasses the platform's contracts would.
    /// </summary>
    public async Task PublishToQueueAsync(string vhost, string queue, string payload, string contentType, Guid messageId)
    {
        using var request = ManagementRequest(HttpMethod.Post, $"api/exchanges/{Uri.EscapeDataString(vhost)}/amq.default/publish", new
        {
            properties = new { content_type = contentType, message_id = messageId.ToString(), delivery_mode = 2 },
            routing_key = queue,
            payload,
            payload_encoding = "string",
        });
        using var response = await Management.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!document.RootElement.GetProperty("routed").GetBoolean())
            throw new InvalidOperationException($"nothing routed to {queue} in {vhost}");
    }

    /// <summary>The headers of the messages waiting in a queue, read without taking them (they are requeued); none when the queue does not exist.</summary>
    public async Task<IReadOnlyList<JsonElement>> PeekHeadersAsync(string vhost, string queue, int count = 10)
    {
        using var request = ManagementRequest(HttpMethod.Post, $"api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto" });
        using var response = await Management.SendAsync(request);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return [];
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.EnumerateArray()
            .Select(m => m.GetProperty("properties").TryGetProperty("headers", out var headers) ? headers.Clone() : default)
            .ToList();
    }

    private async Task SendManagementAsync(HttpMethod method, string path, object? body)
    {
        using var request = ManagementRequest(method, path, body);
        using var response = await Management.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private HttpRequestMessage ManagementRequest(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri($"http://127.0.0.1:{ManagementPort}/{path}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }
}

internal sealed class ProcessRabbitMqBroker : RabbitMqBroker
{
    private const string Script = "deploy/local/rabbitmq-node.sh";
    private readonly string _folder;
    private readonly bool _clusterNode;

    private ProcessRabbitMqBroker(string folder, int amqpPort, bool clusterNode = false) : base(amqpPort, amqpPort + 10001)
    {
        _folder = folder;
        _clusterNode = clusterNode;
    }

    /// <summary>A node of a cluster that the script set up in <paramref name="folder"/>: started again with the ports and epmd it was given.</summary>
    public static ProcessRabbitMqBroker ClusterNode(string folder, int amqpPort) => new(folder, amqpPort, clusterNode: true);

    public static ProcessRabbitMqBroker Create()
    {
        // The script derives epmd (+10000), management (+10001) and distribution (+20000) ports from the AMQP port.
        var port = TestEnvironment.FreePort(10000, 12700, 10000, 10001, 20000);
        return new ProcessRabbitMqBroker(TestEnvironment.NewDataFolder("rabbit"), port);
    }

    public override Task StartAsync() => _clusterNode
        ? TestEnvironment.RunScriptAsync(Script, "start", _folder)
        : TestEnvironment.RunScriptAsync(Script, "start", _folder, AmqpPort.ToString(), ManagementPort.ToString());

    public override Task StopAsync() => TestEnvironment.RunScriptAsync(Script, "stop", _folder);

    public override Task KillAsync() => TestEnvironment.RunScriptAsync(Script, "kill", _folder);

    public override void StopAtProcessExit() => TestEnvironment.RunScriptDetached(Script, "stop", _folder);

    public override async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (!_clusterNode)
            TestEnvironment.DeleteDataFolder(_folder);
    }
}

internal sealed class ContainerRabbitMqBroker : RabbitMqBroker
{
    private readonly RabbitMqContainer _container;

    private ContainerRabbitMqBroker(RabbitMqContainer container, int amqpPort, int managementPort) : base(amqpPort, managementPort) =>
        _container = container;

    public required string Image { get; init; }

    public static ContainerRabbitMqBroker Create()
    {
        var image = Environment.GetEnvironmentVariable("REHAB_TEST_CONTAINER_BROKER_IMAGE") ?? Environment.GetEnvironmentVariable("REHAB_TEST_RABBITMQ_IMAGE")
            ?? "rabbitmq:3.13-management";
        // Fixed host ports: a restarted container must come back where the clients expect it.
        var amqp = TestEnvironment.FreePort(10000, 12700, 10001);
        var management = amqp + 10001;
        var container = new RabbitMqBuilder(image)
            .WithUsername("guest")
            .WithPassword("guest")
            .WithPortBinding(amqp, 5672)
            .WithPortBinding(management, 15672)
            .Build();
        return new ContainerRabbitMqBroker(container, amqp, management) { Image = image };
    }

    public override async Task StartAsync()
    {
        if (_container.State == TestcontainersStates.Running)
            return;
        await _container.StartAsync();
    }

    public override Task StopAsync() => _container.StopAsync();

    // The container API has no SIGKILL; a stop with the engine's default grace period is the closest.
    public override Task KillAsync() => _container.StopAsync();

    public override ValueTask DisposeAsync() => _container.DisposeAsync();
}
