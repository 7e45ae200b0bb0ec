using Microsoft.Extensions.Compliance.Classification;

namespace RehabPlatform.ServiceDefaults.Privacy;

/// <summary>
/// Data classes of RehabPlatform. Anything tagged with them is erased from logs by the redactor that
/// <c>AddServiceDefaults</c> installs; the rule is still to log pseudonymous ids only.
/// </summary>
public static class RehabDataClassification
{
    public const string TaxonomyName = "RehabPlatform";

    /// <summary>Names, birth dates, contact details, record numbers.</summary>
    public static DataClassification PersonalData { get; } = new(TaxonomyName, nameof(PersonalData));

    /// <summary>Questionnaire answers, notes and any other free text about a patient.</summary>
    public static DataClassification HealthData { get; } = new(TaxonomyName, nameof(HealthData));

    /// <summary>Pseudonymous ids: safe to log as they are.</summary>
    public static DataClassification PseudonymousId { get; } = new(TaxonomyName, nameof(PseudonymousId));
}

public sealed class PersonalDataAttribute() : DataClassificationAttribute(RehabDataClassification.PersonalData);

public sealed class HealthDataAttribute() : DataClassificationAttribute(RehabDataClassification.HealthData);
