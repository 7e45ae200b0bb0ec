namespace RehabPlatform.ServiceDefaults.Data;

/// <summary>A row about one patient, kept in the scope of the clinic treating them: a transfer moves every such row.</summary>
public interface IPatientScoped
{
    Guid PatientId { get; }
    Guid ClinicId { get; set; }
}

/// <summary>Something recorded about one patient (an intake, a session, a decision, a capture), with its own id.</summary>
public abstract class PatientRecord : IPatientScoped
{
    public required Guid Id { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; set; }
}

public static class PatientScopedExtensions
{
    /// <summary>Stages the move of a patient's rows of one kind to their new clinic; it commits with the caller's unit of work.</summary>
    public static async Task MovePatientAsync<T>(this Microsoft.EntityFrameworkCore.DbContext db, Guid patientId, Guid clinicId, CancellationToken ct)
        where T : class, IPatientScoped
    {
        foreach (var row in await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Set<T>().Where(r => r.PatientId == patientId), ct))
            row.ClinicId = clinicId;
    }
}
