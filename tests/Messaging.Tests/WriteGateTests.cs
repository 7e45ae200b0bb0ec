using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.Messaging.Tests.Probe;

namespace RehabPlatform.Messaging.Tests;

/// <summary>The write gate lets one writer at a time into a SQLite database of this process, and holds nobody on PostgreSQL.</summary>
public sealed class WriteGateTests : IAsyncLifetime
{
    private readonly ProbeDatabases _sqlite = new(Provider.Sqlite);
    private readonly ProbeDatabases _postgres = new(Provider.Postgres);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    private static ProbeDbContext Sqlite(string connectionString) =>
        new ProbeSqliteDbContext(new DbContextOptionsBuilder<ProbeSqliteDbContext>().UseSqlite(connectionString).Options);

    [Fact]
    public async Task A_second_writer_of_the_same_SQLite_database_waits_until_the_first_is_done_and_another_database_does_not()
    {
        var first = await _sqlite.CreateAsync("gate-a");
        var other = await _sqlite.CreateAsync("gate-b");
        await using var holder = Sqlite(first);
        await using var waiter = Sqlite(first);
        await using var elsewhere = Sqlite(other);

        var lease = await WriteGate.EnterAsync(holder, CancellationToken.None);
        Assert.NotNull(lease);
        var second = WriteGate.EnterAsync(waiter, CancellationToken.None).AsTask();
        using (var unrelated = await WriteGate.EnterAsync(elsewhere, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
            Assert.NotNull(unrelated);
        await Task.Delay(200);
        Assert.False(second.IsCompleted, "the second writer of the same database is still waiting");

        lease!.Dispose();
        lease.Dispose(); // a second dispose releases nothing more
        using var secondLease = await second.WaitAsync(TimeSpan.FromSeconds(5));
        var third = WriteGate.EnterAsync(holder, CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(third.IsCompleted, "one writer at a time, however often a lease is disposed");
        secondLease!.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5)))!.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task PostgreSQL_writers_are_never_held()
    {
        var connectionString = await _postgres.CreateAsync("gate");
        await using var db = new ProbePostgresDbContext(new DbContextOptionsBuilder<ProbePostgresDbContext>().UseNpgsql(connectionString).Options);
        Assert.Null(await WriteGate.EnterAsync(db, CancellationToken.None));
        Assert.Null(await WriteGate.EnterAsync(db, CancellationToken.None));
    }
}
