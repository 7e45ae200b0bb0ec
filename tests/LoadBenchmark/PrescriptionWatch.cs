using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RehabPlatform.LoadBenchmark;

/// <summary>
/// Sees each awaited patient's prescription appear in Sessions' own database (read-only), every 2 ms, instead of
/// asking Sessions' API: an API read is an audited access (a write in Sessions), and polling every onboarding
/// through it was a third of the load the open loop meant to measure (13 polls per intake once it fell behind).
/// A SQLite reader in WAL mode, or a PostgreSQL reader, never waits for Sessions' writers nor holds them.
/// </summary>
public sealed class PrescriptionWatch : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(2);
    private const int MostPerQuery = 1000;

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<TimeSpan>> _waiting = new();
    private readonly DbConnection _connection;
    private readonly bool _postgres;
    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _queries;

    private PrescriptionWatch(DbConnection connection, bool postgres, Stopwatch clock)
    {
        (_connection, _postgres, _clock) = (connection, postgres, clock);
        _loop = Task.Run(WatchAsync);
    }

    /// <summary>The queries made so far.</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>A SQLite file (Sessions' <c>sessions.db</c>) or a PostgreSQL connection string (Host=...).</summary>
    public static async Task<PrescriptionWatch> OpenAsync(string database, Stopwatch clock)
    {
        var postgres = database.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        DbConnection connection = postgres
            ? new NpgsqlConnection(database)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return new PrescriptionWatch(connection, postgres, clock);
    }

    /// <summary>The benchmark clock's time at which a prescription for <paramref name="patientId"/> was first seen.</summary>
    public Task<TimeSpan> SeenAsync(Guid patientId) =>
        _waiting.GetOrAdd(patientId, _ => new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var awaited = _waiting.Keys.Take(MostPerQuery).ToList();
            if (awaited.Count > 0)
            {
                foreach (var patient in await PresentAsync(awaited))
                {
                    if (_waiting.TryRemove(patient, out var seen))
                        seen.TrySetResult(_clock.Elapsed);
                }
            }
            try { await Task.Delay(Every, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    private async Task<List<Guid>> PresentAsync(List<Guid> patients)
    {
        Interlocked.Increment(ref _queries);
        await using var command = _connection.CreateCommand();
        if (_postgres)
        {
            command.CommandText = """SELECT DISTINCT "PatientId" FROM "Prescriptions" WHERE "PatientId" = ANY(@patients)""";
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("patients", [.. patients]));
        }
        else
        {
            // EF Core keeps a Guid in SQLite as upper-case text; these are the benchmark's own ids, never input.
            command.CommandText = "SELECT DISTINCT PatientId FROM Prescriptions WHERE PatientId IN ("
                + string.Join(",", patients.Select(p => $"'{p.ToString().ToUpperInvariant()}'")) + ")";
        }
        var present = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            present.Add(_postgres ? reader.GetGuid(0) : Guid.Parse(reader.GetString(0)));
        return present;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
