namespace RehabPlatform.Sessions.Data;

public class SessionsDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<PrescriptionState> Prescriptions => Set<PrescriptionState>();
    public DbSet<Baseline> Baselines => Set<Baseline>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<TreatmentSession> Sessions => Set<TreatmentSession>();
    public DbSet<PainReport> PainReports => Set<PainReport>();
    public DbSet<FollowUpOutcome> Outcomes => Set<FollowUpOutcome>();
    public DbSet<FollowUpRequest> FollowUpRequests => Set<FollowUpRequest>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PrescriptionState>(b =>
        {
            b.HasKey(p => p.ProgramId);
            b.Property(p => p.ProgramVersion).IsConcurrencyToken();
            b.Property(p => p.Prescription).HasJsonValue("PrescriptionJson", JsonSerializerOptions.Web);
            b.Property(p => p.PreviousPrescription).HasJsonValue("PreviousPrescriptionJson", JsonSerializerOptions.Web);
            b.HasIndex(p => p.PatientId);
        });
        modelBuilder.Entity<Baseline>(b => b.HasKey(p => p.PatientId));
        modelBuilder.Entity<Referral>(b =>
        {
            b.HasKey(r => r.IntakeId);
            b.HasIndex(r => new { r.ClinicId, r.ReferredAt });
            b.HasIndex(r => r.PatientId);
        });
        modelBuilder.Entity<TreatmentSession>(b =>
        {
            b.HasKey(s => s.Id);
            b.Property(s => s.Setting).HasConversion<string>().HasMaxLength(16);
            b.Property(s => s.Notes).HasMaxLength(2000);
            b.Property(s => s.RecordedBy).HasMaxLength(200);
            b.Property(s => s.Exercises).HasJsonValue("ExercisesJson", JsonSerializerOptions.Web);
            b.HasIndex(s => s.PatientId);
            b.HasIndex(s => s.ClinicId);
        });
        modelBuilder.Entity<PainReport>(b =>
        {
            b.HasKey(r => r.Id);
            b.Property(r => r.Context).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.RunDistanceKm).HasPrecision(6, 2);
            b.HasIndex(r => r.PatientId);
        });
        modelBuilder.Entity<FollowUpOutcome>(b =>
        {
            b.HasKey(o => o.Id);
            b.Property(o => o.AkpsVersion).HasMaxLength(32);
            b.Property(o => o.AkpsAnswers).HasJsonValue("AkpsAnswersJson", JsonSerializerOptions.Default);
            b.HasIndex(o => o.PatientId);
            b.HasIndex(o => o.ClinicId);
        });
        modelBuilder.Entity<FollowUpRequest>(b =>
        {
            b.HasKey(r => r.Id);
            // Answering and cancelling check the status they read is still the status they change.
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            b.Property(r => r.RequestedBy).HasMaxLength(200);
            // One open questionnaire per patient, whichever replica schedules it (the filter is plain SQL on SQLite and PostgreSQL).
            b.HasIndex(r => r.PatientId).IsUnique().HasFilter("\"Status\" = 'Open'").HasDatabaseName("IX_FollowUpRequests_OpenPerPatient");
            b.HasIndex(r => r.ClinicId);
        });
    }
}

public sealed class SqliteSessionsDbContext(DbContextOptions<SqliteSessionsDbContext> options) : SessionsDbContext(options);

public sealed class PostgresSessionsDbContext(DbContextOptions<PostgresSessionsDbContext> options) : SessionsDbContext(options);

public sealed class SqliteSessionsDesignTimeFactory : SqliteDesignTimeFactory<SqliteSessionsDbContext>;

public sealed class PostgresSessionsDesignTimeFactory : PostgresDesignTimeFactory<PostgresSessionsDbContext>;
