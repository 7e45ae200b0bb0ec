namespace RehabPlatform.Sessions.UseCases;

/// <summary>How patients with programs are doing, for a clinic's worklist and for a page of the patient list.</summary>
public sealed class CareOverview(SessionsDbContext db, TimeProvider clock)
{
    /// <summary>The current week and the two complete weeks before it, which "not adhering" judges.</summary>
    private const int AdherenceWeeks = 3;

    public sealed record PatientCare(Guid PatientId, Guid ClinicId, ProgramState Program, DateTimeOffset? LastSessionAt, bool NotAdhering,
        IReadOnlyList<Attention> Attention);

    /// <summary>None: no program known here yet; closed: discharged or ended.</summary>
    public enum ProgramState { None, Active, Closed }

    /// <summary>Patients of the clinic's active programs who need attention, oldest concern first.</summary>
    public async Task<IReadOnlyList<PatientCare>> NeedingAttentionAsync(Guid clinicId, CancellationToken ct)
    {
        var patientIds = await db.Prescriptions.AsNoTracking().Where(p => p.ClinicId == clinicId && !p.Closed).Select(p => p.PatientId).Distinct().ToListAsync(ct);
        var care = await CareOfAsync(patientIds, ct);
        return care.Where(c => c.Attention.Count > 0).OrderBy(c => c.Attention.Min(a => a.Since)).ToList();
    }

    /// <summary>The patients among <paramref name="patientIds"/> known here, whatever their clinic (the caller filters).</summary>
    public async Task<IReadOnlyList<PatientCare>> CareOfAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var prescriptions = (await db.Prescriptions.AsNoTracking().Where(p => patientIds.Contains(p.PatientId)).ToListAsync(ct))
            .GroupBy(p => p.PatientId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Closed).ThenByDescending(p => p.AssignedAt).First());
        var baselines = (await db.Baselines.AsNoTracking().Where(b => patientIds.Contains(b.PatientId)).ToListAsync(ct)).ToDictionary(b => b.PatientId);
        var flareSince = now - CareAttention.FlareWindow;
        // Adherence looks at the last three weeks only, so only those sessions are read; the last session is one row per patient.
        var windowStart = new DateTimeOffset(AdherenceCalculator.WeekStart(now).AddDays(-7 * (AdherenceWeeks - 1)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var recentTimes = (await db.Sessions.AsNoTracking().Where(s => patientIds.Contains(s.PatientId) && s.PerformedAt >= windowStart)
                .Select(s => new { s.PatientId, s.PerformedAt }).ToListAsync(ct))
            .ToLookup(s => s.PatientId, s => s.PerformedAt);
        var lastSessions = await db.Sessions.AsNoTracking().Where(s => patientIds.Contains(s.PatientId))
            .GroupBy(s => s.PatientId).Select(g => new { PatientId = g.Key, Last = g.Max(s => s.PerformedAt) })
            .ToDictionaryAsync(g => g.PatientId, g => g.Last, ct);
        var lastOutcomes = (await db.Outcomes.AsNoTracking().Where(o => patientIds.Contains(o.PatientId)).Select(o => new { o.PatientId, o.RecordedAt }).ToListAsync(ct))
            .GroupBy(o => o.PatientId).ToDictionary(g => g.Key, g => g.Max(o => o.RecordedAt));
        // The week's runs, next-morning reports and flares in one read: the flare and missing check-in rules look back that far.
        var week = (await db.PainReports.AsNoTracking()
                .Where(r => patientIds.Contains(r.PatientId) && r.ReportedAt >= flareSince
                    && (r.Context == PainContext.NextMorning || r.Context == PainContext.WhileRunning || r.FlareHours > 0 || r.WorseThanBaseline == true))
                .Select(r => new { r.PatientId, r.Context, r.ReportedAt, Flare = r.FlareHours > 0 || r.WorseThanBaseline == true }).ToListAsync(ct))
            .ToLookup(r => r.PatientId);
        static DateTimeOffset? Latest(IEnumerable<DateTimeOffset> times) => times.Select(t => (DateTimeOffset?)t).Max();

        var care = new List<PatientCare>();
        foreach (var patientId in patientIds.Distinct())
        {
            var baseline = baselines.GetValueOrDefault(patientId);
            if (!prescriptions.TryGetValue(patientId, out var prescription))
            {
                if (baseline is not null)
                    care.Add(new PatientCare(patientId, baseline.ClinicId, ProgramState.None, null, false, []));
                continue;
            }
            DateTimeOffset? lastSession = lastSessions.TryGetValue(patientId, out var last) ? last : null;
            if (prescription.Closed)
            {
                care.Add(new PatientCare(patientId, prescription.ClinicId, ProgramState.Closed, lastSession, false, []));
                continue;
            }
            var weeks = AdherenceCalculator.Weekly(recentTimes[patientId], prescription.SessionsPerWeek, now, AdherenceWeeks);
            var reports = week[patientId].ToList();
            var lastRun = Latest(reports.Where(r => r.Context == PainContext.WhileRunning).Select(r => r.ReportedAt));
            var facts = new CareFacts(prescription.AssignedAt, lastSession, baseline?.IntakeAt,
                lastOutcomes.TryGetValue(patientId, out var outcome) ? outcome : null,
                Latest(reports.Where(r => r.Flare).Select(r => r.ReportedAt)),
                LastActivityAt: lastRun > lastSession || lastSession is null ? lastRun : lastSession,
                LastMorningReportAt: Latest(reports.Where(r => r.Context == PainContext.NextMorning).Select(r => r.ReportedAt)));
            care.Add(new PatientCare(patientId, prescription.ClinicId, ProgramState.Active, lastSession,
                CareAttention.IsNotAdhering(weeks, prescription.AssignedAt), CareAttention.For(facts, now)));
        }
        return care;
    }
}
