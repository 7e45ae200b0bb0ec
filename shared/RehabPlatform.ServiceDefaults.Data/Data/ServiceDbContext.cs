using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RehabPlatform.Messaging;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults.Data;

/// <summary>
/// A service's database: its own model, plus what every service keeps (outbox and inbox, audit log, idempotency
/// records). On SQLite, timestamps are stored as UTC ticks: SQLite cannot order or compare <see cref="DateTimeOffset"/>
/// text, and ticks let every query sort in the database instead of in memory.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The service's own entities.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureModel(modelBuilder);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditLog();
        modelBuilder.AddIdempotency();
    }

    /// <summary>Outside a transaction, a save takes the database's write gate (SQLite); inside one, its holder has it.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is not null)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        using var writer = await WriteGate.EnterAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (Database.CurrentTransaction is not null)
            return base.SaveChanges(acceptAllChangesOnSuccess);
        using var writer = WriteGate.Enter(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>
/// A timestamp as its UTC ticks: exact to 100 ns and ordered like the instants. The offset is not kept; the platform
/// works in UTC and an instant read back compares equal to the one written.
/// </summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>`dotnet ef` finds a provider's context through these; each service declares one per provider.</summary>
public abstract class SqliteDesignTimeFactory<T> : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<T> where T : DbContext
{
    public T CreateDbContext(string[] args) => (T)Activator.CreateInstance(typeof(T), DesignTimeOptions.Sqlite<T>())!;
}

/// <inheritdoc cref="SqliteDesignTimeFactory{T}"/>
public abstract class PostgresDesignTimeFactory<T> : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<T> where T : DbContext
{
    public T CreateDbContext(string[] args) => (T)Activator.CreateInstance(typeof(T), DesignTimeOptions.Postgres<T>())!;
}
