using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.Testing;

namespace RehabPlatform.Messaging.Tests;

/// <summary>Audit entries that are a request's whole unit of work commit together, and each caller returns only once its own entry is committed.</summary>
public sealed class AuditWriterTests : IAsyncLifetime
{
    private sealed class AuditOnlyDbContext(DbContextOptions<AuditOnlyDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddAuditLog();
    }

    /// <summary>Counts the commits of audit entries.</summary>
    private sealed class CommitCounter : SaveChangesInterceptor
    {
        private int _commits;

        public int Commits => Volatile.Read(ref _commits);

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _commits);
            return ValueTask.FromResult(result);
        }
    }

    private readonly string _folder = TestEnvironment.NewDataFolder("audit-writer");
    private readonly CommitCounter _counter = new();
    private ServiceProvider _services = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "audit.db"), DefaultTimeout = 30 }.ToString();
        _services = new ServiceCollection()
            .AddLogging()
            .AddDbContext<AuditOnlyDbContext>(o => o.UseSqlite(_connectionString).AddInterceptors(_counter, new AppendOnlyAuditInterceptor()))
            .AddScoped<DbContext>(sp => sp.GetRequiredService<AuditOnlyDbContext>())
            .AddSingleton<AuditWriter>()
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditOnlyDbContext>().Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TestEnvironment.DeleteDataFolder(_folder);
    }

    private static AuditEntry Read(string userId, Guid patientId) => new()
    {
        At = DateTimeOffset.UtcNow, UserId = userId, Role = "therapist", ClinicId = Guid.NewGuid(), PatientId = patientId,
        ResourceType = "prescription", Action = AuditAction.Read, Outcome = AuditOutcome.Success,
    };

    private async Task<List<AuditEntry>> StoredAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditOnlyDbContext>().Set<AuditEntry>().AsNoTracking().ToListAsync();
    }

    /// <summary>A write transaction on a connection of its own (not pooled): SQLite makes every other writer wait until it is disposed.</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return new WriteLock(connection, connection.BeginTransaction(deferred: false));
    }

    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reads_queued_while_a_commit_is_under_way_commit_together_and_each_caller_returns_after_its_entry_is_stored()
    {
        var writer = _services.GetRequiredService<AuditWriter>();
        var patients = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        // Another writer holds the database, as a busy service's consumers would: everything queues behind the first commit.
        var holder = await HoldWriteLockAsync();
        var appends = patients.Select(p => writer.AppendAsync(Read("u-" + p, p), CancellationToken.None)).ToList();
        await Task.Delay(200);
        Assert.DoesNotContain(appends, a => a.IsCompleted);

        await holder.DisposeAsync();
        await Task.WhenAll(appends).WaitAsync(TimeSpan.FromSeconds(30));

        var stored = await StoredAsync();
        Assert.Equal(patients.Order(), stored.Select(e => e.PatientId!.Value).Order());
        Assert.InRange(_counter.Commits, 1, 2);
    }

    [Fact]
    public async Task An_entry_that_cannot_be_stored_fails_only_its_own_caller()
    {
        var writer = _services.GetRequiredService<AuditWriter>();
        var good = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var bad = Read("x", Guid.NewGuid());
        bad.UserId = null!; // NOT NULL in the audit table

        var holder = await HoldWriteLockAsync();
        var goodAppends = good.Take(10).Select(p => writer.AppendAsync(Read("u", p), CancellationToken.None)).ToList();
        var failing = writer.AppendAsync(bad, CancellationToken.None);
        goodAppends.AddRange(good.Skip(10).Select(p => writer.AppendAsync(Read("u", p), CancellationToken.None)));
        await holder.DisposeAsync();

        await Task.WhenAll(goodAppends).WaitAsync(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<DbUpdateException>(() => failing);
        var stored = await StoredAsync();
        Assert.Equal(good.Order(), stored.Select(e => e.PatientId!.Value).Order());
    }
}
