using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RehabPlatform.Messaging;
using RehabPlatform.Programs.Model;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Data;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.Programs.Data;

public class ProgramsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Exercise> Exercises => Set<Exercise>();
    public DbSet<ProgramTemplateVersion> Templates => Set<ProgramTemplateVersion>();
    public DbSet<PatientProgram> Programs => Set<PatientProgram>();
    public DbSet<ProgressionDecisionRecord> Decisions => Set<ProgressionDecisionRecord>();
    public DbSet<KnownPatient> Patients => Set<KnownPatient>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Exercise>(b =>
        {
            b.HasKey(e => e.Code);
            b.Property(e => e.Code).HasMaxLength(64);
            b.Property(e => e.Name).HasMaxLength(200);
            b.Property(e => e.Category).HasConversion<string>().HasMaxLength(32);
            b.Property(e => e.Instructions).HasMaxLength(2000);
            b.Property(e => e.Phases).HasMaxLength(16);
            b.Property(e => e.Equipment).HasMaxLength(200);
            b.Property(e => e.Contraindications).HasMaxLength(500);
            b.Property(e => e.Tags).HasMaxLength(500);
            b.HasIndex(e => e.ClinicId);
            b.HasData(ExerciseLibrary.Seed);
        });

        modelBuilder.Entity<ProgramTemplateVersion>(b =>
        {
            b.HasKey(t => new { t.TemplateId, t.Version });
            b.Property(t => t.Name).HasMaxLength(200);
            b.Property(t => t.Description).HasMaxLength(2000);
            b.Property(t => t.AuthorUserId).HasMaxLength(200);
            b.Property(t => t.Visibility).HasConversion<string>().HasMaxLength(16);
            b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(t => t.Tags).HasMaxLength(500);
            b.HasIndex(t => new { t.Visibility, t.Status });
            b.HasData(ExerciseLibrary.DefaultTemplate);
        });

        modelBuilder.Entity<PatientProgram>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(p => p.ClosedReason).HasMaxLength(100);
            // Consumers of one patient's events may run concurrently on PostgreSQL: every change to a program
            // touches one of these, so a lost update becomes a concurrency conflict and the message is retried.
            b.Property(p => p.ProgramVersion).IsConcurrencyToken();
            b.Property(p => p.ConsecutiveInLimitSessions).IsConcurrencyToken();
            b.HasIndex(p => new { p.PatientId, p.Status });
            b.HasIndex(p => p.ClinicId);
        });

        modelBuilder.Entity<ProgressionDecisionRecord>(b =>
        {
            b.HasKey(d => d.Id);
            b.Property(d => d.Decision).HasConversion<string>().HasMaxLength(32);
            b.Property(d => d.ReasonCode).HasMaxLength(64);
            b.Property(d => d.Source).HasConversion<string>().HasMaxLength(32);
            b.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(d => d.DecidedBy).HasMaxLength(200);
            b.HasIndex(d => d.ProgramId);
            b.HasIndex(d => d.PatientId);
        });

        modelBuilder.Entity<KnownPatient>(b =>
        {
            b.HasKey(p => p.PatientId);
            b.HasIndex(p => p.ClinicId);
        });

        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditLog();
        modelBuilder.AddIdempotency();
    }
}

public sealed class SqliteProgramsDbContext(DbContextOptions<SqliteProgramsDbContext> options) : ProgramsDbContext(options);

public sealed class PostgresProgramsDbContext(DbContextOptions<PostgresProgramsDbContext> options) : ProgramsDbContext(options);

public sealed class SqliteProgramsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteProgramsDbContext>
{
    public SqliteProgramsDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.Sqlite<SqliteProgramsDbContext>());
}

public sealed class PostgresProgramsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresProgramsDbContext>
{
    public PostgresProgramsDbContext CreateDbContext(string[] args) => new(DesignTimeOptions.Postgres<PostgresProgramsDbContext>());
}
