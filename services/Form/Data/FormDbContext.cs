using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RehabPlatform.Form.Model;
using RehabPlatform.Messaging;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Data;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.Form.Data;

public class FormDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Capture> Captures => Set<Capture>();
    public DbSet<KnownPatient> Patients => Set<KnownPatient>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Capture>(b =>
        {
            b.HasKey(c => c.Id);
            b.Property(c => c.Format).HasConversion<string>().HasMaxLength(32);
            b.Property(c => c.View).HasConversion<string>().HasMaxLength(32);
            b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Error).HasMaxLength(500);
            b.Property(c => c.UploadedBy).HasMaxLength(200);
            b.HasIndex(c => c.PatientId);
            b.HasIndex(c => c.Status);
        });
        modelBuilder.Entity<KnownPatient>(b =>
        {
            b.HasKey(p => p.PatientId);
            b.Property(p => p.ConsentVersion).HasMaxLength(32);
            b.HasIndex(p => p.ClinicId);
        });
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditLog();
        modelBuilder.AddIdempotency();
    }
}

public sealed class SqliteFormDbContext(DbContextOptions<SqliteFormDbContext> options) : FormDbContext(options);

public sealed class PostgresFormDbContext(DbContextOptions<PostgresFormDbContext> options) : FormDbContext(options);

public sealed class SqliteFormDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFormDbContext>
{
    public SqliteFormDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteFormDbContext>());
}

public sealed class PostgresFormDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFormDbContext>
{
    public PostgresFormDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.Postgres<PostgresFormDbContext>());
}
