using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using OpenTelemetry.Trace;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers a service's database, chosen by <c>ConnectionStrings:{name}</c>: a PostgreSQL connection string
    /// (Host=...) selects PostgreSQL; anything else is a SQLite connection string; none is a SQLite file
    /// <c>{Storage:DataDirectory}/{name}.db</c>. Each provider has its own migrations, on a context subclass
    /// (<typeparamref name="TSqlite"/>, <typeparamref name="TPostgres"/>); they are applied at start-up,
    /// before any hosted service starts. Readiness checks the connection.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext, TSqlite, TPostgres>(this IHostApplicationBuilder builder, string name)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        var (provider, connectionString) = Resolve(builder.Configuration, name);
        if (provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<TContext, TPostgres>((sp, options) => options
                .UseNpgsql(connectionString)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            builder.Services.AddDbContext<TContext, TSqlite>((sp, options) => options
                .UseSqlite(connectionString)
                .AddInterceptors([.. sp.GetServices<IInterceptor>(), SqlitePragmaInterceptor.Instance]));
        }

        // Shared plumbing (audit trail, audit API) works on the service's context through the base type.
        builder.Services.AddScoped<DbContext>(sp => sp.GetRequiredService<TContext>());
        builder.Services.AddSingleton<IInterceptor, Audit.AppendOnlyAuditInterceptor>();
        builder.Services.AddScoped<Audit.AuditTrail>();
        builder.Services.AddSingleton<Audit.AuditWriter>();
        builder.Services.AddScoped<Audit.PatientInScope>();
        builder.Services.AddIdempotentRequests(builder.Configuration);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, Audit.AuditedAuthorizationResultHandler>();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>("database", tags: [HealthTags.Ready]);
        return builder;
    }

    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration configuration, string name)
    {
        var configured = configuration.GetConnectionString(name);
        if (!string.IsNullOrWhiteSpace(configured))
            return (IsPostgres(configured) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, configured);

        var directory = Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data");
        Directory.CreateDirectory(directory);
        var sqlite = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, $"{name}.db"),
            DefaultTimeout = 30,
        };
        return (DatabaseProvider.Sqlite, sqlite.ToString());
    }

    public static bool IsPostgres(string connectionString)
    {
        try
        {
            var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return parts.ContainsKey("Host") || parts.ContainsKey("Server") && !parts.ContainsKey("Data Source");
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>WAL lets readers run beside the single writer; the busy timeout makes writers queue instead of failing.</summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();
    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
