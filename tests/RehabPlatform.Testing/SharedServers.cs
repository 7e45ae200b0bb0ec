namespace RehabPlatform.Testing;

/// <summary>
/// One broker and one PostgreSQL server per test process, started on first use and stopped when the process
/// exits. Tests isolate themselves with their own virtual host or database; tests that stop or kill a server
/// start their own instead.
/// </summary>
public static class SharedServers
{
    private static readonly Lazy<Task<RabbitMqBroker>> SharedBroker = new(StartBrokerAsync);
    private static readonly Lazy<Task<PostgresServer>> SharedPostgres = new(StartPostgresAsync);

    public static Task<RabbitMqBroker> BrokerAsync() => SharedBroker.Value;

    public static Task<PostgresServer> PostgresAsync() => SharedPostgres.Value;

    private static async Task<RabbitMqBroker> StartBrokerAsync()
    {
        var broker = await RabbitMqBroker.StartSharedAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => broker.StopAtProcessExit();
        return broker;
    }

    private static async Task<PostgresServer> StartPostgresAsync()
    {
        var server = await PostgresServer.StartNewAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAtProcessExit();
        return server;
    }
}
