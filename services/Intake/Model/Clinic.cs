namespace RehabPlatform.Intake.Model;

/// <summary>A location of the chain. Clinic data is organisational, not patient data.</summary>
public sealed class Clinic
{
    public required Guid Id { get; init; }
    public required string Name { get; set; }
    public required string Region { get; set; }
    /// <summary>IANA time zone, for example "Europe/Amsterdam".</summary>
    public required string TimeZone { get; set; }
    public required DateTimeOffset OpenedAt { get; init; }
}
