using Microsoft.EntityFrameworkCore.Migrations;

namespace RehabPlatform.ServiceDefaults.Data;

/// <summary>
/// The data half of migrations that change how a value is stored: EF Core changes the column, these rewrite the
/// rows already there. Each is safe to run on rows already in the new form.
/// </summary>
public static class ValueMigrations
{
    // julianday('0001-01-01T00:00:00Z'): day zero of .NET ticks; a day is 864,000,000,000 ticks.
    private const string TicksEpochJulianDay = "1721425.5";
    private const string TicksPerDay = "864000000000";

    /// <summary>SQLite: timestamps stored as text ("2026-11-24 07:22:02.1234567+00:00") become UTC ticks.</summary>
    public static void SqliteTextTimestampsToTicks(this MigrationBuilder migrations, string table, params string[] columns)
    {
        foreach (var column in columns)
            migrations.Sql($"""UPDATE "{table}" SET "{column}" = CAST(ROUND((julianday("{column}") - {TicksEpochJulianDay}) * {TicksPerDay}) AS INTEGER) WHERE typeof("{column}") = 'text' AND "{column}" LIKE '%-%';""");
    }

    /// <summary>SQLite, going back: UTC ticks become the text EF Core's SQLite provider writes for a timestamp.</summary>
    public static void SqliteTicksToTextTimestamps(this MigrationBuilder migrations, string table, params string[] columns)
    {
        foreach (var column in columns)
            migrations.Sql($"""UPDATE "{table}" SET "{column}" = strftime('%Y-%m-%d %H:%M:%f', CAST("{column}" AS INTEGER) / {TicksPerDay}.0 + {TicksEpochJulianDay}) || '+00:00' WHERE "{column}" NOT LIKE '%-%';""");
    }

    /// <summary>
    /// SQLite: UTC timestamps stored with EF Core's DateTimeOffsetToBinaryConverter ((ticks / 1000) &lt;&lt; 11 | offset minutes)
    /// become UTC ticks. A binary value of this era is above 10^18, a ticks value below it.
    /// </summary>
    public static void SqliteBinaryTimestampsToTicks(this MigrationBuilder migrations, string table, params string[] columns)
    {
        foreach (var column in columns)
            migrations.Sql($"""UPDATE "{table}" SET "{column}" = ("{column}" >> 11) * 1000 WHERE "{column}" > 1000000000000000000;""");
    }

    /// <summary>PostgreSQL: the same binary timestamps become timestamptz.</summary>
    public static void PostgresBinaryTimestampToTimestamptz(this MigrationBuilder migrations, string table, string column) =>
        migrations.Sql($"""ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE timestamp with time zone USING to_timestamp((("{column}" >> 11) * 1000 - 621355968000000000) / 10000000.0);""");

    /// <summary>PostgreSQL, going back: timestamptz becomes the binary form.</summary>
    public static void PostgresTimestamptzToBinary(this MigrationBuilder migrations, string table, string column) =>
        migrations.Sql($"""ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE bigint USING ((floor(extract(epoch from "{column}") * 10000000)::bigint + 621355968000000000) / 1000) << 11;""");

    /// <summary>SQLite: a comma-separated list ("a,b") becomes the JSON array EF Core keeps a primitive collection in.</summary>
    public static void SqliteCommaListToJson(this MigrationBuilder migrations, string table, string column, bool numbers = false)
    {
        var items = numbers ? $"""'[' || "{column}" || ']'""" : $"""'["' || replace("{column}", ',', '","') || '"]'""";
        migrations.Sql($"""UPDATE "{table}" SET "{column}" = CASE WHEN "{column}" = '' THEN '[]' ELSE {items} END WHERE "{column}" NOT LIKE '[%';""");
    }

    /// <summary>SQLite, going back: the JSON array becomes a comma-separated list.</summary>
    public static void SqliteJsonListToComma(this MigrationBuilder migrations, string table, string column) =>
        migrations.Sql($"""UPDATE "{table}" SET "{column}" = COALESCE((SELECT group_concat(value, ',') FROM json_each("{table}"."{column}")), '') WHERE "{column}" LIKE '[%';""");

    /// <summary>PostgreSQL: a comma-separated list becomes an array column (text[] or integer[]).</summary>
    public static void PostgresCommaListToArray(this MigrationBuilder migrations, string table, string column, string arrayType) =>
        migrations.Sql($$"""ALTER TABLE "{{table}}" ALTER COLUMN "{{column}}" TYPE {{arrayType}} USING COALESCE(string_to_array(NULLIF("{{column}}", ''), ',')::{{arrayType}}, '{}');""");

    /// <summary>PostgreSQL, going back: the array becomes a comma-separated list of at most <paramref name="maxLength"/> characters.</summary>
    public static void PostgresArrayToCommaList(this MigrationBuilder migrations, string table, string column, int maxLength) =>
        migrations.Sql($"""ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE character varying({maxLength}) USING array_to_string("{column}", ',');""");
}
