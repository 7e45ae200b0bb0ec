using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.ServiceDefaults.Http;

/// <summary>The stored response of a POST with an Idempotency-Key, replayed when the same caller retries it.</summary>
public sealed class IdempotencyRecord
{
    public required string CallerId { get; init; }
    public required string Operation { get; init; }
    public required string Key { get; init; }
    public required int StatusCode { get; init; }
    public required string ResponseJson { get; init; }
    public string? Location { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Idempotency-Key support for creating POSTs: the response is stored by the same SaveChanges as the
/// resource, so a retry (even a concurrent one) creates nothing new and gets the first response back.
/// Keys are scoped per caller and operation.
/// </summary>
public sealed class IdempotentRequests(DbContext db, CallerContext caller, IOptions<JsonOptions> json, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 128;

    public static Dictionary<string, string[]>? ValidateKey(string? key) =>
        key is not null && (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
            ? new() { [HeaderName] = [$"1 to {MaxKeyLength} printable characters."] }
            : null;

    /// <returns>The first response to this key, or null when the key is new (or absent).</returns>
    public async Task<IResult?> ReplayAsync(string? key, string operation, CancellationToken ct)
    {
        if (key is null)
            return null;
        var record = await db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.CallerId == caller.UserId && r.Operation == operation && r.Key == key, ct);
        if (record is null)
            return null;
        return new ReplayResult(record);
    }

    /// <summary>Stages the response so that it commits with the resource it describes.</summary>
    public void Remember<T>(string? key, string operation, int statusCode, T body, string? location)
    {
        if (key is null)
            return;
        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
        {
            CallerId = caller.UserId,
            Operation = operation,
            Key = key,
            StatusCode = statusCode,
            ResponseJson = JsonSerializer.Serialize(body, json.Value.SerializerOptions),
            Location = location,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = record.StatusCode;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (record.Location is not null)
                httpContext.Response.Headers.Location = record.Location;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await httpContext.Response.WriteAsync(record.ResponseJson);
        }
    }
}

public static class IdempotencyModelBuilderExtensions
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
        });
        return modelBuilder;
    }
}
