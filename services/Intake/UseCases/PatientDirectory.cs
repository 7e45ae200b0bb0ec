namespace RehabPlatform.Intake.UseCases;

/// <summary>Where a patient is in onboarding, as Intake knows it.</summary>
public enum OnboardingStatus { AwaitingIntake, IntakeUnderReview, ReferredOut, Onboarded }

/// <summary>
/// Finding patients at the caller's clinics (by name, record number or email, or by id for a worklist), with
/// their onboarding status, and the Intake side of a clinic's worklist.
/// </summary>
public sealed class PatientDirectory(IntakeDbContext db, CallerContext caller, TimeProvider clock)
{
    public const string ReferralToActOn = "referral-to-act-on";
    public const string IntakeToReview = "intake-to-review";
    /// <summary>A referral stays on the worklist for a month: long enough to confirm the physician saw the patient.</summary>
    public static readonly TimeSpan ReferralWindow = TimeSpan.FromDays(30);

    public sealed record Found(Patient Patient, OnboardingStatus Status, DateTimeOffset? LastIntakeAt);

    public sealed record Query(Guid? ClinicId, string? Search, IReadOnlyCollection<Guid>? PatientIds, PageRequest Page);

    public async Task<(IReadOnlyList<Found> Patients, int Total)> FindAsync(Query request, CancellationToken ct)
    {
        var query = db.Patients.AsNoTracking();
        if (!caller.IsChainAdmin)
        {
            var clinics = caller.ClinicIds.ToList();
            query = query.Where(p => clinics.Contains(p.ClinicId));
        }
        if (request.ClinicId is { } only)
            query = query.Where(p => p.ClinicId == only);
        if (request.PatientIds is { Count: > 0 } ids)
            query = query.Where(p => ids.Contains(p.Id));
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = request.Search.Trim().ToLowerInvariant();
            var exact = request.Search.Trim();
            query = query.Where(p => p.NameKey.Contains(term) || p.ExternalRecordNumber == exact || p.EmailKey == term);
        }

        var total = await query.CountAsync(ct);
        var patients = await query.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id)
            .Skip(request.Page.Skip).Take(request.Page.Size).ToListAsync(ct);
        var pageIds = patients.Select(p => p.Id).ToList();
        var latest = (await db.Intakes.AsNoTracking().Where(i => pageIds.Contains(i.PatientId))
                .Select(i => new { i.PatientId, i.Outcome, i.SubmittedAt }).ToListAsync(ct))
            .GroupBy(i => i.PatientId).ToDictionary(g => g.Key, g => g.MaxBy(i => i.SubmittedAt)!);
        return (patients.Select(p =>
        {
            var intake = latest.GetValueOrDefault(p.Id);
            return new Found(p, StatusOf(p, intake?.Outcome), intake?.SubmittedAt);
        }).ToList(), total);
    }

    public static OnboardingStatus StatusOf(Patient patient, IntakeOutcome? latestIntake) => (patient.ReferredOut, latestIntake) switch
    {
        (true, _) or (_, IntakeOutcome.ReferredOut) => OnboardingStatus.ReferredOut,
        (_, null) => OnboardingStatus.AwaitingIntake,
        (_, IntakeOutcome.NeedsReview) => OnboardingStatus.IntakeUnderReview,
        _ => OnboardingStatus.Onboarded,
    };

    /// <summary>Recent referrals to follow up, and intakes waiting for a therapist's review of their AKPS answers.</summary>
    public async Task<IReadOnlyList<WorklistEntry>> WorklistAsync(Guid clinicId, CancellationToken ct)
    {
        var referredSince = clock.GetUtcNow() - ReferralWindow;
        var intakes = await db.Intakes.AsNoTracking()
            .Where(i => i.ClinicId == clinicId && ((i.Outcome == IntakeOutcome.NeedsReview && i.ReviewedAt == null)
                || (i.Outcome == IntakeOutcome.ReferredOut && i.SubmittedAt >= referredSince && i.ReferralActedAt == null)))
            .Select(i => new { i.PatientId, i.ClinicId, i.Outcome, i.SubmittedAt })
            .ToListAsync(ct);
        return intakes.GroupBy(i => (i.PatientId, i.Outcome))
            .Select(g => new WorklistEntry(g.Key.PatientId, g.First().ClinicId,
                g.Key.Outcome == IntakeOutcome.NeedsReview ? IntakeToReview : ReferralToActOn, g.Max(i => i.SubmittedAt)))
            .OrderBy(e => e.Since).ToList();
    }
}
