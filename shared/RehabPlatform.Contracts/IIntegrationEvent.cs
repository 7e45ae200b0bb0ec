namespace RehabPlatform.Contracts;

/// <summary>
/// Marker for every event that crosses a service boundary. Events carry pseudonymous ids and clinical
/// values only: never names, contact details, birth dates or free text.
/// </summary>
public interface IIntegrationEvent
{
    DateTimeOffset OccurredAt { get; }
}
