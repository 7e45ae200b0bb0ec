using Microsoft.Data.Sqlite;

namespace RehabPlatform.Messaging.Tests.Probe;

public enum Provider { Sqlite, Postgres }

/// <summary>Creates and removes the probe services' databases on either provider.</summary>
public sealed class ProbeDatabases(Provider provider) : IAsyncDisposable
{
    private readonly List<string> _postgres = [];
    private readonly List<string> _folders = [];

    public async Task<string> CreateAsync(string name)
    {
        if (provider == Provider.Postgres)
        {
            var connectionString = await (await SharedServers.PostgresAsync()).CreateDatabaseAsync(name);
            _postgres.Add(connectionString);
            return connectionString;
        }
        var folder = TestEnvironment.NewDataFolder("sqlite");
        _folders.Add(folder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, name + ".db"), DefaultTimeout = 30 }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connectionString in _postgres)
            await (await SharedServers.PostgresAsync()).DropDatabaseAsync(connectionString);
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
            TestEnvironment.DeleteDataFolder(folder);
    }
}
