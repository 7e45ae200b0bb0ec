namespace RehabPlatform.Programs.UseCases;

/// <summary>
/// The Programs side of a clinic's worklist: proposals waiting for a therapist, and programs the engine held or
/// eased in the last week because pain went over a limit or flared (La Trobe TREK education: the pain-monitoring model).
/// </summary>
public sealed class ProgramWorklist(ProgramsDbContext db, TimeProvider clock)
{
    public const string ProposalWaiting = "proposal-waiting";
    public const string PainAboveLimits = "pain-above-limits";
    public static readonly TimeSpan PainWindow = TimeSpan.FromDays(7);

    private static readonly string[] PainRules =
    [
        ProgressionRules.ExercisePainAboveLimit.Code, ProgressionRules.SlowToSettle.Code, ProgressionRules.OneNightFlare.Code,
        ProgressionRules.LongFlare.Code, ProgressionRules.DailyPainAtOrAboveLimit.Code, ProgressionRules.RunningPainAboveLimit.Code,
    ];

    public async Task<IReadOnlyList<WorklistEntry>> ForClinicAsync(Guid clinicId, CancellationToken ct)
    {
        var painSince = clock.GetUtcNow() - PainWindow;
        var decisions = await db.Decisions.AsNoTracking()
            .Where(d => d.ClinicId == clinicId && (d.Status == DecisionStatus.Proposed || (PainRules.Contains(d.ReasonCode) && d.At >= painSince)))
            .Join(db.Programs.Where(p => p.Status == ProgramStatus.Active), d => d.ProgramId, p => p.Id, (d, _) => new { d.PatientId, d.ClinicId, d.Status, d.At })
            .ToListAsync(ct);
        var proposals = decisions.Where(d => d.Status == DecisionStatus.Proposed)
            .GroupBy(d => d.PatientId).Select(g => new WorklistEntry(g.Key, g.First().ClinicId, ProposalWaiting, g.Min(d => d.At)));
        var pain = decisions.Where(d => d.Status != DecisionStatus.Proposed)
            .GroupBy(d => d.PatientId).Select(g => new WorklistEntry(g.Key, g.First().ClinicId, PainAboveLimits, g.Max(d => d.At)));
        return proposals.Concat(pain).OrderBy(e => e.Since).ToList();
    }
}
