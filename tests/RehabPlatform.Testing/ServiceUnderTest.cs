using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RehabPlatform.Testing;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// One service on a real port with its own database (a SQLite file or a PostgreSQL database), its own virtual
/// host on the shared broker, and a recorder of the events it publishes. Everything is removed on dispose.
/// </summary>
public sealed class ServiceUnderTest<TMarker, TContext> : IAsyncDisposable
    where TMarker : class
    where TContext : DbContext
{
    private readonly RabbitMqBroker _broker;
    private readonly string _vhost;
    private readonly string? _postgresDatabase;
    private readonly string? _folder;
    private bool _ownsVirtualHost;

    private ServiceUnderTest(ServiceHost<TMarker> host, EventRecorder events, RabbitMqBroker broker, string vhost, string? postgresDatabase, string? folder)
    {
        Host = host;
        Events = events;
        _broker = broker;
        _vhost = vhost;
        _postgresDatabase = postgresDatabase;
        _folder = folder;
    }

    public ServiceHost<TMarker> Host { get; }

    public EventRecorder Events { get; }

    public string BrokerUrl => _broker.AmqpUrl(_vhost);

    /// <summary>The virtual host, for starting another service on the same one (cross-service flows).</summary>
    public string VirtualHost => _vhost;

    /// <param name="serviceName">The service's connection-string name ("intake").</param>
    /// <param name="recordedEvents">Event types the recorder subscribes to.</param>
    public static async Task<ServiceUnderTest<TMarker, TContext>> StartAsync(string serviceName, DatabaseProvider provider, Type[] recordedEvents,
        Action<IServiceCollection>? configureServices = null, IDictionary<string, string?>? settings = null, string? sharedVirtualHost = null)
    {
        var broker = await SharedServers.BrokerAsync();
        var vhost = sharedVirtualHost ?? await broker.CreateVirtualHostAsync(serviceName);
        string connectionString;
        string? postgresDatabase = null, folder = null;
        if (provider == DatabaseProvider.Postgres)
            connectionString = postgresDatabase = await (await SharedServers.PostgresAsync()).CreateDatabaseAsync(serviceName);
        else
        {
            folder = TestEnvironment.NewDataFolder(serviceName);
            connectionString = $"Data Source={Path.Combine(folder, serviceName + ".db")}";
        }

        var events = await EventRecorder.StartAsync(broker.AmqpUrl(vhost), recordedEvents);
        var all = new Dictionary<string, string?>(TestTokens.Settings)
        {
            [$"ConnectionStrings:{serviceName}"] = connectionString,
            ["Messaging:BrokerUrl"] = broker.AmqpUrl(vhost),
            ["Messaging:WaitUntilStarted"] = "true",
            ["Messaging:Outbox:PollInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var host = ServiceHost<TMarker>.Start(all, configureServices: configureServices);
        return new ServiceUnderTest<TMarker, TContext>(host, events, broker, vhost, postgresDatabase, folder) { _ownsVirtualHost = sharedVirtualHost is null };
    }

    public HttpClient Client(string demoUser) => Host.CreateClient(TestTokens.For(demoUser));

    /// <summary>The patient's own app.</summary>
    public HttpClient PatientClient(Guid patientId) => Host.CreateClient(TestTokens.ForPatient(patientId));

    /// <summary>A caller who is not one of the demo users (another clinic's manager, say).</summary>
    public HttpClient Client(string userId, string role, params Guid[] clinics) => Host.CreateClient(TestTokens.For(userId, role, clinics));

    public async Task<T> QueryAsync<T>(Func<TContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    public Task<int> CountAsync<TEntity>() where TEntity : class => QueryAsync(db => db.Set<TEntity>().CountAsync());

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Events.DisposeAsync();
        if (_ownsVirtualHost)
            await _broker.DeleteVirtualHostAsync(_vhost);
        if (_postgresDatabase is not null)
            await (await SharedServers.PostgresAsync()).DropDatabaseAsync(_postgresDatabase);
        SqliteConnection.ClearAllPools();
        if (_folder is not null)
            TestEnvironment.DeleteDataFolder(_folder);
    }
}
