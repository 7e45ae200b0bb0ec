using Microsoft.EntityFrameworkCore;

namespace RehabPlatform.ServiceDefaults.Data;

/// <summary>
/// Options for `dotnet ef migrations add` per provider; the connection strings are placeholders that are
/// never opened while generating migrations.
/// </summary>
public static class DesignTimeOptions
{
    public static DbContextOptions<T> Sqlite<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseSqlite("Data Source=design-time.db").Options;

    public static DbContextOptions<T> Postgres<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseNpgsql("Host=127.0.0.1;Database=design_time").Options;
}
