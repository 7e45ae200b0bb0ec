namespace RehabPlatform.Form.Data;

public class FormDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Capture> Captures => Set<Capture>();
    public DbSet<KnownPatient> Patients => Set<KnownPatient>();
    public DbSet<ChecklistAssessment> Checklists => Set<ChecklistAssessment>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Capture>(b =>
        {
            b.HasKey(c => c.Id);
            b.Property(c => c.Format).HasConversion<string>().HasMaxLength(32);
            b.Property(c => c.View).HasConversion<string>().HasMaxLength(32);
            b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Error).HasMaxLength(500);
            b.Property(c => c.UploadedBy).HasMaxLength(200);
            b.Property(c => c.Result).HasJsonValue("ResultJson", CaptureProcessor.ResultJson);
            b.HasIndex(c => c.PatientId);
            b.HasIndex(c => c.Status);
        });
        modelBuilder.Entity<ChecklistAssessment>(b =>
        {
            b.HasKey(c => c.Id);
            b.Property(c => c.AssessedBy).HasMaxLength(200);
            b.Property(c => c.Findings).HasJsonValue("FindingsJson", CaptureProcessor.ResultJson);
            b.Property(c => c.Conclusion).HasJsonValue("ConclusionJson", CaptureProcessor.ResultJson);
            b.HasIndex(c => new { c.PatientId, c.AssessedAt });
        });
        modelBuilder.Entity<KnownPatient>(b =>
        {
            b.HasKey(p => p.PatientId);
            b.Property(p => p.ConsentVersion).HasMaxLength(32);
            b.Property(p => p.AffectedSide).HasMaxLength(8);
            b.HasIndex(p => p.ClinicId);
        });
    }
}

public sealed class SqliteFormDbContext(DbContextOptions<SqliteFormDbContext> options) : FormDbContext(options);

public sealed class PostgresFormDbContext(DbContextOptions<PostgresFormDbContext> options) : FormDbContext(options);

public sealed class SqliteFormDesignTimeFactory : SqliteDesignTimeFactory<SqliteFormDbContext>;

public sealed class PostgresFormDesignTimeFactory : PostgresDesignTimeFactory<PostgresFormDbContext>;
