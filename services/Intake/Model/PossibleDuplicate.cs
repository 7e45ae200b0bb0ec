namespace RehabPlatform.Intake.Model;

public enum DuplicateMatch { NameAndBirthDate, Email }

public enum DuplicateResolution { Distinct, SamePerson }

/// <summary>
/// A registration that matched a patient of another clinic. The registering clinic is not told (that would reveal
/// the other clinic's patient); its record is created as usual and a chain admin, who sees every clinic, decides.
/// </summary>
public sealed class PossibleDuplicate
{
    public required Guid Id { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    public required Guid ExistingPatientId { get; init; }
    public required Guid ExistingClinicId { get; init; }
    public required DuplicateMatch Match { get; init; }
    public required DateTimeOffset DetectedAt { get; init; }
    public DuplicateResolution? Resolution { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsOpen => Resolution is null;

    /// <returns>False when it was resolved already.</returns>
    public bool Resolve(DuplicateResolution resolution, string resolvedBy, DateTimeOffset at)
    {
        if (!IsOpen)
            return false;
        Resolution = resolution;
        ResolvedBy = resolvedBy;
        ResolvedAt = at;
        return true;
    }
}

/// <summary>A registered patient whose name and birth date, or email, match a new registration.</summary>
public sealed record RegistrationMatch(Guid PatientId, Guid ClinicId, DuplicateMatch Match);

/// <summary>What a registration that matches existing patients leads to.</summary>
public abstract record DuplicateDecision
{
    /// <summary>No match: register.</summary>
    public sealed record None : DuplicateDecision;

    /// <summary>A match the caller can see already (their own clinics): use that record instead.</summary>
    public sealed record UseExisting(Guid PatientId) : DuplicateDecision;

    /// <summary>Matches only in clinics the caller cannot see: register, and let a chain admin review the pairs.</summary>
    public sealed record RegisterAndFlag(IReadOnlyList<RegistrationMatch> Matches) : DuplicateDecision;

    public static DuplicateDecision For(IReadOnlyCollection<RegistrationMatch> matches, Func<Guid, bool> callerReachesClinic)
    {
        if (matches.Count == 0)
            return new None();
        var visible = matches.FirstOrDefault(m => callerReachesClinic(m.ClinicId));
        return visible is not null ? new UseExisting(visible.PatientId) : new RegisterAndFlag(matches.ToList());
    }
}
