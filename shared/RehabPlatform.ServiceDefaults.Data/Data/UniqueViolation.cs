using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace RehabPlatform.ServiceDefaults.Data;

public static class UniqueViolation
{
    // SQLite's extended result codes for a primary-key and a unique-index violation.
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteUnique = 2067;

    /// <summary>
    /// Whether the save failed because a concurrent request stored the same key first: the check before the insert
    /// passed for both, and the database kept one. The caller answers as if its check had seen the other row.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqlitePrimaryKey or SqliteUnique,
        _ => false,
    };

    /// <summary>Saves new rows; false when a concurrent request stored the same unique key first (nothing of this save is kept).</summary>
    public static async Task<bool> TrySaveUniqueAsync(this DbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return false;
        }
    }
}
