namespace RehabPlatform.Programs.Data;

public class ProgramsDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Exercise> Exercises => Set<Exercise>();
    public DbSet<ProgramTemplateVersion> Templates => Set<ProgramTemplateVersion>();
    public DbSet<PatientProgram> Programs => Set<PatientProgram>();
    public DbSet<ProgressionDecisionRecord> Decisions => Set<ProgressionDecisionRecord>();
    public DbSet<KnownPatient> Patients => Set<KnownPatient>();
    public DbSet<ProgramSession> Sessions => Set<ProgramSession>();
    public DbSet<PainObservation> PainObservations => Set<PainObservation>();
    public DbSet<ReturnToRunReadiness> Readiness => Set<ReturnToRunReadiness>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Exercise>(b =>
        {
            b.HasKey(e => e.Code);
            b.Property(e => e.Code).HasMaxLength(64);
            b.Property(e => e.Name).HasMaxLength(200);
            b.Property(e => e.Category).HasConversion<string>().HasMaxLength(32);
            b.Property(e => e.Instructions).HasMaxLength(2000);
            b.Property(e => e.BodyRegion).HasConversion<string>().HasMaxLength(16);
            b.Property(e => e.WhatToFeel).HasMaxLength(500);
            b.Property(e => e.WhatToAvoid).HasMaxLength(500);
            b.Property(e => e.Equipment).HasMaxLength(200);
            b.Property(e => e.Contraindications).HasMaxLength(500);
            b.HasIndex(e => e.ClinicId);
        });

        modelBuilder.Entity<ProgramTemplateVersion>(b =>
        {
            b.HasKey(t => new { t.TemplateId, t.Version });
            b.Property(t => t.Name).HasMaxLength(200);
            b.Property(t => t.Description).HasMaxLength(2000);
            b.Property(t => t.AuthorUserId).HasMaxLength(200);
            b.Property(t => t.Visibility).HasConversion<string>().HasMaxLength(16);
            b.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(t => t.Phases).HasJsonValue("PhasesJson", ProgramJson.Options);
            b.Property(t => t.Settings).HasJsonValue("SettingsJson", ProgramJson.Options);
            b.HasIndex(t => new { t.Visibility, t.Status });
        });

        modelBuilder.Entity<PatientProgram>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(p => p.ClosedReason).HasMaxLength(100);
            b.Property(p => p.Prescription).HasJsonValue("PrescriptionJson", ProgramJson.Options);
            b.Property(p => p.FormDrills).HasJsonValue("FormDrillsJson", ProgramJson.Options);
            b.Property(p => p.Settings).HasJsonValue("SettingsJson", ProgramJson.Options);
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
            b.Property(d => d.RuleSource).HasMaxLength(300);
            b.Property(d => d.Explanation).HasMaxLength(300);
            b.Property(d => d.Inputs).HasJsonValue("InputsJson", ProgramJson.Options);
            b.Property(d => d.ProposedDrills).HasJsonValue("ProposedDrillsJson", ProgramJson.Options);
            b.HasIndex(d => d.ProgramId);
            b.HasIndex(d => d.PatientId);
        });

        modelBuilder.Entity<ProgramSession>(b =>
        {
            b.HasKey(x => x.SessionId);
            b.Property(x => x.Verdict).HasConversion<string>().HasMaxLength(32);
            b.HasIndex(x => new { x.ProgramId, x.PerformedAt });
            b.HasIndex(x => x.PatientId);
        });

        modelBuilder.Entity<PainObservation>(b =>
        {
            b.HasKey(x => x.Id);
            b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(x => new { x.PatientId, x.At });
        });

        modelBuilder.Entity<ReturnToRunReadiness>(b =>
        {
            b.HasKey(x => x.Id);
            b.Property(x => x.RecordedBy).HasMaxLength(200);
            b.HasIndex(x => new { x.ProgramId, x.RecordedAt });
            b.HasIndex(x => x.PatientId);
        });

        modelBuilder.Entity<KnownPatient>(b =>
        {
            b.HasKey(p => p.PatientId);
            b.HasIndex(p => p.ClinicId);
        });
    }
}

public sealed class SqliteProgramsDbContext(DbContextOptions<SqliteProgramsDbContext> options) : ProgramsDbContext(options);

public sealed class PostgresProgramsDbContext(DbContextOptions<PostgresProgramsDbContext> options) : ProgramsDbContext(options);

public sealed class SqliteProgramsDesignTimeFactory : SqliteDesignTimeFactory<SqliteProgramsDbContext>;

public sealed class PostgresProgramsDesignTimeFactory : PostgresDesignTimeFactory<PostgresProgramsDbContext>;
