namespace RehabPlatform.ServiceDefaults;

/// <summary>
/// Metric tags every service uses the same way, so dashboards can group across services. Only ids and
/// categories: a clinic is not a person, and nothing about a patient is ever a tag.
/// </summary>
public static class MetricTags
{
    public static KeyValuePair<string, object?> Clinic(Guid clinicId) => new("clinic", clinicId.ToString());
}
