namespace RehabPlatform.Programs.Data;

/// <summary>
/// Keeps the chain's exercise library and the default template as the code defines them. Chain exercises follow
/// the library (a corrected instruction reaches every clinic); clinics' own exercises are never touched; the
/// default template is added once and, being published, never changed. Seeded here rather than with EF Core's
/// HasData, which the PostgreSQL provider re-updates in every migration for array columns (npgsql/efcore.pg#3635).
/// </summary>
internal sealed class ExerciseLibrarySeeder(ProgramsDbContext db) : IDatabaseSeeder
{
    public async Task SeedAsync(CancellationToken ct)
    {
        try
        {
            await ApplyAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another replica seeded the same rows first: what it wrote is what this one would have written.
            db.ChangeTracker.Clear();
            await ApplyAsync(ct);
        }
    }

    private async Task ApplyAsync(CancellationToken ct)
    {
        var stored = await db.Exercises.Where(e => e.ClinicId == null).ToDictionaryAsync(e => e.Code, ct);
        foreach (var exercise in ExerciseLibrary.Seed)
        {
            if (!stored.TryGetValue(exercise.Code, out var current))
            {
                db.Exercises.Add(exercise);
                continue;
            }
            // Every column follows the library; the key (the code) and the owner (none: the chain) are the same already.
            db.Entry(current).CurrentValues.SetValues(exercise);
        }
        var template = ExerciseLibrary.DefaultTemplate;
        if (!await db.Templates.AnyAsync(t => t.TemplateId == template.TemplateId && t.Version == template.Version, ct))
            db.Templates.Add(template);
        await db.SaveChangesAsync(ct);
    }
}
