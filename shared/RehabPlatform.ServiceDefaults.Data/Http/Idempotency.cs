using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Options;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.ServiceDefaults.Data;

namespace RehabPlatform.ServiceDefaults.Http;

/// <summary>
/// Which resource a POST with an Idempotency-Key created. It holds the resource's id, never a copy of its content:
/// a retry reads the resource again through the same access checks as any read.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string CallerId { get; init; }
    public required string Operation { get; init; }
    public required string Key { get; init; }
    public required int StatusCode { get; init; }
    public required Guid ResourceId { get; init; }
    public string? Location { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Idempotency-Key support for creating POSTs: the key is stored by the same SaveChanges as the resource, so a
/// retry (even a concurrent one) creates nothing new. Keys are scoped per caller and operation. A retry is answered
/// with the resource as it is now, read through the caller's current access (a patient transferred away since is a
/// 404), and audited like any other read.
/// </summary>
public sealed class IdempotentRequests(DbContext db, CallerContext caller, IOptions<IdempotencyOptions> options, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 128;

    public static Dictionary<string, string[]>? ValidateKey(string? key) =>
        key is not null && (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
            ? new() { [HeaderName] = [$"1 to {MaxKeyLength} printable characters."] }
            : null;

    /// <summary>
    /// The answer to a retry of an earlier request with this key, or null when the key is new, absent or expired.
    /// <paramref name="readReachable"/> reads the resource the first request created as the caller may see it now
    /// (auditing the read or its refusal), or returns null when the caller can no longer reach it.
    /// </summary>
    public async Task<IResult?> ReplayAsync<TView>(string? key, string operation, Func<Guid, CancellationToken, Task<TView?>> readReachable, CancellationToken ct)
        where TView : class
    {
        if (key is null)
            return null;
        var record = await db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.CallerId == caller.UserId && r.Operation == operation && r.Key == key, ct);
        if (record is null)
            return null;
        if (record.CreatedAt < clock.GetUtcNow() - options.Value.Retention)
        {
            // Past its retention the key is free again: this is a new request.
            await db.Set<IdempotencyRecord>().Where(r => r.CallerId == record.CallerId && r.Operation == operation && r.Key == key).ExecuteDeleteAsync(ct);
            return null;
        }
        var view = await readReachable(record.ResourceId, ct);
        if (view is null)
            return Problems.NotFound("Resource");
        await db.SaveChangesAsync(ct);
        return new ReplayResult<TView>(record, view);
    }

    /// <summary>
    /// The reader a patient-scoped create replays with: the record the first request created when it belongs to this
    /// request's patient (whose clinic the reach check admitted), its read audited as a replay. A key reused for
    /// another patient finds nothing.
    /// </summary>
    public static Func<Guid, CancellationToken, Task<TView?>> PatientRecordReader<TRecord, TView>(IQueryable<TRecord> records, AuditTrail audit,
        string resourceType, Guid patientId, Guid clinicId, Func<TRecord, TView> view)
        where TRecord : PatientRecord where TView : class =>
        async (id, ct) =>
        {
            var record = await records.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.PatientId == patientId, ct);
            if (record is null)
                return null;
            audit.Stage(resourceType, id.ToString(), clinicId, patientId, AuditAction.Read, purpose: AuditPurposes.IdempotentReplay);
            return view(record);
        };

    /// <summary>Stages the key with the resource it created, so that both commit together.</summary>
    public void Remember(string? key, string operation, int statusCode, Guid resourceId, string? location)
    {
        if (key is null)
            return;
        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
        {
            CallerId = caller.UserId,
            Operation = operation,
            Key = key,
            StatusCode = statusCode,
            ResourceId = resourceId,
            Location = location,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    /// <summary>
    /// Commits the request's work with the key <see cref="Remember"/> staged. When a concurrent retry with the same key
    /// committed first, the key's unique index refuses this one: its answer is then the retry's (null: this request committed).
    /// </summary>
    public async Task<IResult?> SaveOrReplayAsync<TView>(string? key, string operation, Func<Guid, CancellationToken, Task<TView?>> readReachable, CancellationToken ct)
        where TView : class
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException) when (key is not null)
        {
            db.ChangeTracker.Clear();
            if (await ReplayAsync(key, operation, readReachable, ct) is { } concurrent)
                return concurrent;
            throw;
        }
    }

    private sealed class ReplayResult<TView>(IdempotencyRecord record, TView view) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (record.Location is not null)
                httpContext.Response.Headers.Location = record.Location;
            httpContext.Response.StatusCode = record.StatusCode;
            return httpContext.Response.WriteAsJsonAsync(view);
        }
    }
}

/// <summary>Deletes idempotency records past their retention, so no request is remembered for longer than it needs to be.</summary>
internal sealed partial class IdempotencyRetention(IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DbContext>();
                var notBefore = clock.GetUtcNow() - options.Value.Retention;
                var removed = await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < notBefore).ExecuteDeleteAsync(stoppingToken);
                if (removed > 0)
                    LogRemoved(logger, removed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed {Count} expired idempotency records")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing expired idempotency records failed; trying again later")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class IdempotencyExtensions
{
    public static ModelBuilder AddIdempotency(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotencyRecord>(b =>
        {
            b.ToTable("idempotency_records");
            b.HasKey(r => new { r.CallerId, r.Operation, r.Key });
            b.Property(r => r.Key).HasMaxLength(IdempotentRequests.MaxKeyLength);
            b.Property(r => r.CallerId).HasMaxLength(200);
            b.Property(r => r.Operation).HasMaxLength(64);
            b.Property(r => r.Location).HasMaxLength(300);
            // Stored as a number so that the retention filter is a comparison in SQL on every provider.
            b.Property(r => r.CreatedAt).HasConversion(new DateTimeOffsetToBinaryConverter());
            b.HasIndex(r => r.CreatedAt);
        });
        return modelBuilder;
    }

    internal static IServiceCollection AddIdempotentRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.SectionName));
        services.AddScoped<IdempotentRequests>();
        services.AddHostedService<IdempotencyRetention>();
        return services;
    }
}
