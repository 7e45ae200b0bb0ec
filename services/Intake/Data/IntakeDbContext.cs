namespace RehabPlatform.Intake.Data;

public class IntakeDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Clinic> Clinics => Set<Clinic>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();
    public DbSet<IntakeAssessment> Intakes => Set<IntakeAssessment>();
    public DbSet<PossibleDuplicate> PossibleDuplicates => Set<PossibleDuplicate>();
    public DbSet<TransferRequest> TransferRequests => Set<TransferRequest>();
    public DbSet<PatientAppAccess> AppAccesses => Set<PatientAppAccess>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Clinic>(b =>
        {
            b.HasKey(c => c.Id);
            b.Property(c => c.Name).HasMaxLength(200);
            b.Property(c => c.Region).HasMaxLength(100);
            b.Property(c => c.TimeZone).HasMaxLength(64);
            b.HasIndex(c => c.Name).IsUnique();
        });

        modelBuilder.Entity<Patient>(b =>
        {
            b.HasKey(p => p.Id);
            b.Property(p => p.GivenName).HasMaxLength(100);
            b.Property(p => p.FamilyName).HasMaxLength(100);
            b.Property(p => p.NameKey).HasMaxLength(201);
            b.Property(p => p.Email).HasMaxLength(254);
            b.Property(p => p.EmailKey).HasMaxLength(254);
            b.Property(p => p.Phone).HasMaxLength(32);
            b.Property(p => p.PreferredLanguage).HasMaxLength(35);
            b.Property(p => p.ExternalRecordNumber).HasMaxLength(64);
            b.Property(p => p.Sex).HasConversion<string>().HasMaxLength(16);
            b.HasIndex(p => p.ClinicId);
            b.HasIndex(p => new { p.NameKey, p.BirthDate });
            b.HasIndex(p => p.EmailKey);
            b.HasOne<Clinic>().WithMany().HasForeignKey(p => p.ClinicId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ConsentRecord>(b =>
        {
            b.HasKey(c => c.Id);
            b.Property(c => c.Scope).HasConversion<string>().HasMaxLength(32);
            b.Property(c => c.Version).HasMaxLength(32);
            b.Property(c => c.RecordedBy).HasMaxLength(200);
            b.HasIndex(c => new { c.PatientId, c.Scope });
            b.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<IntakeAssessment>(b =>
        {
            b.HasKey(i => i.Id);
            b.Property(i => i.AkpsVersion).HasMaxLength(32);
            b.Property(i => i.AffectedSide).HasConversion<string>().HasMaxLength(8);
            b.Property(i => i.Outcome).HasConversion<string>().HasMaxLength(16);
            b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(i => i.ReviewedBy).HasMaxLength(200);
            b.HasIndex(i => i.EpisodeId);
            b.Property(i => i.GoalType).HasMaxLength(64);
            b.Property(i => i.AkpsAnswers).HasJsonValue("AkpsAnswersJson", JsonSerializerOptions.Default);
            b.Property(i => i.RedFlagChecklist).HasJsonValue("RedFlagChecklistJson", JsonSerializerOptions.Default);
            b.Property(i => i.SubmittedBy).HasMaxLength(200);
            b.Property(i => i.WeeklyDistanceKm).HasPrecision(6, 1);
            b.HasIndex(i => i.PatientId);
            b.HasOne<Patient>().WithMany().HasForeignKey(i => i.PatientId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<PossibleDuplicate>(b =>
        {
            b.HasKey(d => d.Id);
            b.Property(d => d.Match).HasConversion<string>().HasMaxLength(32);
            b.Property(d => d.Resolution).HasConversion<string>().HasMaxLength(32);
            b.Property(d => d.ResolvedBy).HasMaxLength(200);
            b.HasIndex(d => d.Resolution);
            b.HasOne<Patient>().WithMany().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Patient>().WithMany().HasForeignKey(d => d.ExistingPatientId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<TransferRequest>(b =>
        {
            b.HasKey(r => r.Id);
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.RequestedBy).HasMaxLength(200);
            b.Property(r => r.DecidedBy).HasMaxLength(200);
            b.HasIndex(r => new { r.PatientId, r.Status });
            b.HasIndex(r => r.ToClinicId);
            b.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<PatientAppAccess>(b =>
        {
            b.HasKey(a => a.Id);
            b.Property(a => a.CodeHash).HasMaxLength(64);
            b.Property(a => a.RefreshSecretHash).HasMaxLength(64);
            b.Property(a => a.InvitedBy).HasMaxLength(200);
            b.Property(a => a.EndedBy).HasMaxLength(200);
            b.HasIndex(a => a.CodeHash).IsUnique();
            b.HasIndex(a => a.PatientId);
            b.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

/// <summary>The SQLite flavour: its own migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteIntakeDbContext(DbContextOptions<SqliteIntakeDbContext> options) : IntakeDbContext(options);

/// <summary>The PostgreSQL flavour: its own migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresIntakeDbContext(DbContextOptions<PostgresIntakeDbContext> options) : IntakeDbContext(options);

public sealed class SqliteIntakeDesignTimeFactory : SqliteDesignTimeFactory<SqliteIntakeDbContext>;

public sealed class PostgresIntakeDesignTimeFactory : PostgresDesignTimeFactory<PostgresIntakeDbContext>;
