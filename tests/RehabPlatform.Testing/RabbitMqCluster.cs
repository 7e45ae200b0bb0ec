namespace RehabPlatform.Testing;

/// <summary>
/// Three local RabbitMQ nodes joined into one cluster by deploy/local/rabbitmq-node.sh (one shared epmd and Erlang
/// cookie). Each node can be killed (-9) and started again on its own data, when it rejoins the cluster.
/// Local processes: podman's containers here cannot be killed abruptly or share an Erlang distribution network.
/// </summary>
public sealed class RabbitMqCluster : IAsyncDisposable
{
    private const string Script = "deploy/local/rabbitmq-node.sh";
    private readonly string _folder;

    private RabbitMqCluster(string folder, IReadOnlyList<RabbitMqBroker> nodes)
    {
        _folder = folder;
        Nodes = nodes;
    }

    public IReadOnlyList<RabbitMqBroker> Nodes { get; }

    /// <summary>The nodes after the first as "host:port", for Messaging:ClusterNodes.</summary>
    public IEnumerable<string> OtherNodeAddresses => Nodes.Skip(1).Select(n => $"127.0.0.1:{n.AmqpPort}");

    public static async Task<RabbitMqCluster> StartAsync(int size = 3)
    {
        // Node i listens on base+i (AMQP), base+i+10001 (management), base+i+20000 (distribution); epmd on base+10000.
        var offsets = Enumerable.Range(0, size).SelectMany(i => new[] { i, i + 10001, i + 20000 }).Append(10000).Where(o => o != 0).ToArray();
        var port = TestEnvironment.FreePort(10000, 12690, offsets);
        var folder = TestEnvironment.NewDataFolder("rabbit-cluster");
        await TestEnvironment.RunScriptAsync(Script, "cluster", folder, port.ToString(), size.ToString());
        var nodes = Enumerable.Range(0, size)
            .Select(i => (RabbitMqBroker)ProcessRabbitMqBroker.ClusterNode(Path.Combine(folder, $"node{i + 1}"), port + i))
            .ToList();
        return new RabbitMqCluster(folder, nodes);
    }

    public async ValueTask DisposeAsync()
    {
        await TestEnvironment.RunScriptAsync(Script, "stop", _folder);
        TestEnvironment.DeleteDataFolder(_folder);
    }
}
