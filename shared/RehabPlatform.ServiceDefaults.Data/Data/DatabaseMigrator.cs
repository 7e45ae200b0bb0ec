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
/// service (the bus, the outbox relay, consumers) starts, whatever their registration order.
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(IServiceScopeFactory scopeFactory, ILogger<DatabaseMigrator<TContext>> logger) : IHostedLifecycleService
    where TContext : DbContext
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogApplying(logger, typeof(TContext).Name, pending.Count);
            await db.Database.MigrateAsync(cancellationToken);
        }
        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder>())
            await seeder.SeedAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migrations to {Context}")]
    private static partial void LogApplying(ILogger logger, string context, int count);
}
