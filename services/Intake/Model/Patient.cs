namespace RehabPlatform.Intake.Model;

public enum Sex { Female, Male, Intersex, Unknown }

/// <summary>What a consent decision covers.</summary>
public enum ConsentScope { Treatment, FormAnalysis, Research }

/// <summary>
/// A registered patient. Identity and contact details live only here: events and telemetry carry the id.
/// </summary>
public sealed class Patient
{
    public required Guid Id { get; init; }
    public required Guid ClinicId { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public required DateOnly BirthDate { get; set; }
    public required Sex Sex { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>BCP 47 language tag, for example "en" or "nl-NL".</summary>
    public required string PreferredLanguage { get; set; }
    public string? ExternalRecordNumber { get; set; }

    /// <summary>Lower-cased "given family" without extra spaces: the chain-wide duplicate key with the birth date.</summary>
    public required string NameKey { get; set; }
    public string? EmailKey { get; set; }

    public required DateTimeOffset RegisteredAt { get; init; }
    public bool ReferredOut { get; set; }

    public static string NameKeyOf(string given, string family) =>
        string.Join(' ', $"{given} {family}".ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static string? EmailKeyOf(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}

/// <summary>One consent decision; the newest per scope is the patient's current consent.</summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    public required ConsentScope Scope { get; init; }
    public required bool Granted { get; init; }
    /// <summary>Version of the consent text the patient agreed to or withdrew from.</summary>
    public required string Version { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
}
