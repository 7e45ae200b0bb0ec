namespace RehabPlatform.Sessions.UseCases;

public enum OutcomeGrouping { Template, Clinic }

/// <param name="Key">"template-id@version" or the clinic id.</param>
/// <param name="Referrals">Per clinic: red-flag referrals in the period (null per template, and when fewer than 5).</param>
/// <param name="MedianHoursToActOnReferral">Per clinic: from referral to a therapist recording acting on it (null when fewer than 5 were acted on).</param>
public sealed record GroupOutcomeView(string Key, Guid? TemplateId, int? TemplateVersion, Guid? ClinicId, GroupOutcome Outcome, int? Referrals,
    double? MedianHoursToActOnReferral = null, int? ReferralsNotActedOn = null);

public sealed record OutcomeReportView(string By, DateOnly From, DateOnly To, IReadOnlyList<GroupOutcomeView> Groups, CaseMixModel? Model, int Cases, int FollowedUp,
    int MinCellSize, int MinFollowUpsToCompare, string Definitions);

/// <summary>
/// The outcome report over the programs started in a period, built from this service's own read model (programs from
/// ProgramAssigned/ProgramAdjusted, baselines from IntakeCompleted, referrals from PatientReferredOut) and its own
/// sessions and follow-ups: never another service's database. A program counts under the template version and the
/// clinic it started with.
/// </summary>
public sealed class OutcomeReports(SessionsDbContext db, CallerContext caller, TimeProvider clock)
{
    /// <summary>The first follow-up is due 6 weeks in (clinical reference); adherence is measured over that window.</summary>
    public static readonly TimeSpan FollowUpWindow = TimeSpan.FromDays(42);
    /// <summary>No session for this long, and no follow-up, once the follow-up was due: the patient dropped out.</summary>
    public static readonly TimeSpan DropOutSilence = TimeSpan.FromDays(28);

    public const string Definitions =
        "Started: programs assigned in the period. Follow-up completeness: started with a baseline and a follow-up. MCID: AKPS up 10 or more. " +
        "Adherence: sessions logged over sessions prescribed in the first 6 weeks (or until now). Drop-out: no follow-up and no session for 28 days, " +
        "6 weeks or more after the start. Case-mix adjusted: observed minus expected AKPS change, expected from the baseline AKPS and ln(1 + symptom weeks) " +
        "fitted on every follow-up in the report, with a 95 % interval.";

    public async Task<OutcomeReportView> BuildAsync(OutcomeGrouping by, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (start, end) = (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1));
        var allClinics = caller.IsChainAdmin || caller.Role == Roles.Ops;
        var clinics = caller.ClinicIds.ToList();
        var programs = await db.Prescriptions.AsNoTracking()
            .Where(p => p.AssignedAt >= start && p.AssignedAt < end && (allClinics || clinics.Contains(p.ClinicId)))
            .Select(p => new { p.ProgramId, p.PatientId, p.ClinicId, p.AssignedAt, p.SessionsPerWeek, p.TemplateId, p.TemplateVersion })
            .ToListAsync(ct);
        var patients = programs.Select(p => p.PatientId).Distinct().ToList();
        var baselines = await db.Baselines.AsNoTracking().Where(b => patients.Contains(b.PatientId))
            .Select(b => new { b.PatientId, b.AkpsScore, b.SymptomDurationWeeks }).ToDictionaryAsync(b => b.PatientId, ct);
        var outcomes = (await db.Outcomes.AsNoTracking().Where(o => patients.Contains(o.PatientId))
                .Select(o => new { o.PatientId, o.RecordedAt, o.AkpsBaseline, o.AkpsFollowUp, o.AkpsMcidReached, o.NprsBaseline, o.NprsFollowUp }).ToListAsync(ct))
            .ToLookup(o => o.PatientId);
        var sessions = (await db.Sessions.AsNoTracking().Where(s => patients.Contains(s.PatientId)).Select(s => new { s.PatientId, s.ProgramId, s.PerformedAt }).ToListAsync(ct))
            .ToLookup(s => s.ProgramId);

        var cases = new List<(OutcomeCase Case, Guid ClinicId, Guid? TemplateId, int? TemplateVersion)>();
        foreach (var program in programs)
        {
            var followUps = outcomes[program.PatientId].Where(o => o.RecordedAt >= program.AssignedAt).OrderBy(o => o.RecordedAt).ToList();
            var baselineAkps = baselines.TryGetValue(program.PatientId, out var baseline) ? baseline.AkpsScore : followUps.FirstOrDefault()?.AkpsBaseline;
            if (baselineAkps is null)
                continue;
            var latest = followUps.LastOrDefault();
            var firstMcid = followUps.FirstOrDefault(o => o.AkpsMcidReached);
            var done = sessions[program.ProgramId].Select(s => s.PerformedAt).ToList();
            var windowEnd = Min(now, program.AssignedAt + FollowUpWindow);
            var weeks = (windowEnd - program.AssignedAt).TotalDays / 7;
            double? adherence = weeks >= 1 && program.SessionsPerWeek > 0
                ? Math.Min(1, done.Count(d => d >= program.AssignedAt && d <= windowEnd) / (program.SessionsPerWeek * weeks))
                : null;
            var lastActivity = done.Count == 0 ? program.AssignedAt : Max(done.Max(), program.AssignedAt);
            var droppedOut = latest is null && now - program.AssignedAt >= FollowUpWindow && now - lastActivity >= DropOutSilence;
            var group = by == OutcomeGrouping.Clinic ? program.ClinicId.ToString()
                : program.TemplateId is { } templateId ? $"{templateId}@{program.TemplateVersion}" : "unknown";
            cases.Add((new OutcomeCase(group, baselineAkps.Value, baseline?.SymptomDurationWeeks ?? 0,
                latest is null ? null : latest.AkpsFollowUp - latest.AkpsBaseline,
                latest is null ? null : latest.NprsFollowUp - latest.NprsBaseline,
                latest?.AkpsMcidReached == true,
                firstMcid is null ? null : Math.Round((firstMcid.RecordedAt - program.AssignedAt).TotalDays / 7, 1),
                adherence, droppedOut), program.ClinicId, program.TemplateId, program.TemplateVersion));
        }

        var report = OutcomeAnalytics.Report(cases.Select(c => c.Case).ToList());
        var referrals = (by == OutcomeGrouping.Clinic
            ? await db.Referrals.AsNoTracking().Where(r => r.ReferredAt >= start && r.ReferredAt < end && (allClinics || clinics.Contains(r.ClinicId)))
                .Select(r => new ReferralRow(r.ClinicId, r.ReferredAt, r.ActedAt)).ToListAsync(ct)
            : []).ToLookup(r => r.ClinicId);
        // Every case of a group shares its key: the first one says which template version or clinic the group is.
        var keyOf = cases.GroupBy(c => c.Case.Group).ToDictionary(g => g.Key, g => g.First());
        var groups = report.Groups.Select(g =>
        {
            var key = keyOf[g.Group];
            if (by != OutcomeGrouping.Clinic)
                return new GroupOutcomeView(g.Group, key.TemplateId, key.TemplateVersion, null, g, null);
            var clinicReferrals = referrals[key.ClinicId].ToList();
            var hoursToAct = clinicReferrals.Where(r => r.ActedAt is not null).Select(r => (r.ActedAt!.Value - r.ReferredAt).TotalHours).ToList();
            var shown = clinicReferrals.Count >= OutcomeAnalytics.MinCellSize;
            return new GroupOutcomeView(g.Group, null, null, key.ClinicId, g, shown ? clinicReferrals.Count : null,
                hoursToAct.Count >= OutcomeAnalytics.MinCellSize ? OutcomeAnalytics.Median(hoursToAct) : null,
                shown ? clinicReferrals.Count - hoursToAct.Count : null);
        }).ToList();
        return new OutcomeReportView(by == OutcomeGrouping.Clinic ? "clinic" : "template", from, to, groups, report.Model, report.Cases, report.FollowedUp,
            OutcomeAnalytics.MinCellSize, OutcomeAnalytics.MinFollowUpsToCompare, Definitions);
    }

    private sealed record ReferralRow(Guid ClinicId, DateTimeOffset ReferredAt, DateTimeOffset? ActedAt);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
