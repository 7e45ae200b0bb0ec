using Npgsql;
using Testcontainers.PostgreSql;

namespace RehabPlatform.Testing;

/// <summary>
/// A real PostgreSQL server: a Testcontainers container where a Docker engine answers, otherwise a private
/// local cluster started by deploy/local/postgres-node.sh (durability off: tests only).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Script = "deploy/local/postgres-node.sh";
    private readonly string? _folder;
    private readonly PostgreSqlContainer? _container;

    private PostgresServer(string serverConnectionString, string? folder, PostgreSqlContainer? container)
    {
        ServerConnectionString = serverConnectionString;
        _folder = folder;
        _container = container;
    }

    /// <summary>Connection string to the "postgres" maintenance database.</summary>
    public string ServerConnectionString { get; }

    public static async Task<PostgresServer> StartNewAsync()
    {
        var mode = Environment.GetEnvironmentVariable("REHAB_TEST_POSTGRES")
            ?? (TestEnvironment.PullingDockerEngineAvailable() ? "container" : "process");
        if (mode == "container")
        {
            var container = new PostgreSqlBuilder(Environment.GetEnvironmentVariable("REHAB_TEST_POSTGRES_IMAGE") ?? "postgres:15")
                .WithUsername("postgres").WithPassword("postgres").Build();
            await container.StartAsync();
            return new PostgresServer(container.GetConnectionString(), null, container);
        }

        var folder = TestEnvironment.NewDataFolder("postgres");
        var port = TestEnvironment.FreePort(23000, 27999);
        await TestEnvironment.RunScriptAsync(Script, "start", folder, port.ToString(), "--fast");
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50", folder, null);
    }

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid().ToString("N")[..12]}";
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server without blocking the exiting test process.</summary>
    public void StopAtProcessExit()
    {
        if (_container is not null)
            _container.DisposeAsync().AsTask().GetAwaiter().GetResult();
        else
            TestEnvironment.RunScriptDetached(Script, "remove", _folder!);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
            return;
        }
        // "remove" also deletes the cluster's data where it lives outside the folder (a checkout the postgres user cannot enter).
        await TestEnvironment.RunScriptAsync(Script, "remove", _folder!);
    }
}
