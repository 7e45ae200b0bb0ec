using Microsoft.EntityFrameworkCore;

namespace RehabPlatform.ServiceDefaults.Data;

/// <summary>
/// Reference data a service keeps in its database (the chain's exercise library, say), brought up to date by every
/// start after the migrations. Must be safe to run again, and by two replicas at once.
/// </summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(CancellationToken ct);
}

/// <summary>
/// Applies pending migrations, then the service's seeders, in the host's "starting" phase, before any hosted
/// service (the bus, the outbox relay, consumers) starts, whatever their registration order. On PostgreSQL the
/// replicas of a service share one database and start together: a session advisory lock lets one migrate at a
/// time (the others then find nothing pending), where two at once failed with "relation already exists".
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(IServiceScopeFactory scopeFactory, ILogger<DatabaseMigrator<TContext>> logger) : IHostedLifecycleService
    where TContext : DbContext
{
    /// <summary>Any fixed number: advisory locks are per database, so every service may use the same one.</summary>
    private const long MigrationLockKey = 0x52656861_62506c61;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var postgres = db.Database.IsNpgsql();
        // The lock belongs to the session: one connection, held open until the seeders are done.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (postgres)
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogApplying(logger, typeof(TContext).Name, pending.Count);
                await db.Database.MigrateAsync(cancellationToken);
            }
            foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder>())
                await seeder.SeedAsync(cancellationToken);
        }
        finally
        {
            if (postgres)
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migrations to {Context}")]
    private static partial void LogApplying(ILogger logger, string context, int count);
}
