namespace RehabPlatform.Contracts;

/// <summary>
/// Marker for every event that crosses a service boundary. Events carry pseudonymous ids and clinical
/// values only: never names, contact details, birth dates or free text.
/// </summary>
public interface IIntegrationEvent
{
    DateTimeOffset OccurredAt { get; }
}

/// <summary>An event about one patient; consumers scope it by <see cref="ClinicId"/>.</summary>
public interface IPatientEvent : IIntegrationEvent
{
    Guid PatientId { get; }
    Guid ClinicId { get; }
}
