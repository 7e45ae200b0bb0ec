namespace RehabPlatform.Intake.Model;

public enum TransferStatus { Pending, Accepted, Declined }

/// <summary>
/// A request to move a patient to another clinic, made by someone who may not move them directly; the receiving
/// clinic's manager accepts or declines it. Until then the patient and their data stay where they are.
/// </summary>
public sealed class TransferRequest
{
    public required Guid Id { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid FromClinicId { get; init; }
    public required Guid ToClinicId { get; init; }
    public required string RequestedBy { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public TransferStatus Status { get; private set; } = TransferStatus.Pending;
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <returns>False when it was decided already.</returns>
    public bool Decide(bool accept, string decidedBy, DateTimeOffset at)
    {
        if (Status != TransferStatus.Pending)
            return false;
        Status = accept ? TransferStatus.Accepted : TransferStatus.Declined;
        DecidedBy = decidedBy;
        DecidedAt = at;
        return true;
    }
}

/// <summary>
/// Who may move a patient between clinics, as a chain runs it: a chain admin, or a clinic manager who manages both
/// clinics, moves a patient at once; anyone else who treats the patient asks, and a manager of the receiving clinic
/// (or a chain admin) decides. A therapist never moves a patient into a clinic by themselves.
/// </summary>
public static class TransferPolicy
{
    public static bool MayTransferDirectly(string role, Func<Guid, bool> worksAt, Guid from, Guid to) =>
        role == ServiceDefaults.Auth.Roles.ChainAdmin
        || role == ServiceDefaults.Auth.Roles.ClinicManager && worksAt(from) && worksAt(to);

    public static bool MayDecide(string role, Func<Guid, bool> worksAt, Guid receivingClinic) =>
        role == ServiceDefaults.Auth.Roles.ChainAdmin
        || role == ServiceDefaults.Auth.Roles.ClinicManager && worksAt(receivingClinic);
}
