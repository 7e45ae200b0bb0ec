namespace RehabPlatform.Sessions.Model;

public enum FollowUpRequestStatus { Open, Answered, Cancelled }

/// <summary>
/// A follow-up questionnaire (AKPS and pain now) a therapist sends to the patient's app: open from <see cref="DueFrom"/>
/// until the patient answers it or staff cancel it. At most one is open per patient, so the app never asks twice.
/// </summary>
public sealed class FollowUpRequest : PatientRecord
{
    /// <summary>How far ahead a questionnaire may be scheduled: past the usual 6-week follow-up and the 3-month one.</summary>
    public static readonly TimeSpan LongestLeadTime = TimeSpan.FromDays(183);

    public required DateTimeOffset DueFrom { get; init; }
    public required string RequestedBy { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public FollowUpRequestStatus Status { get; private set; }
    public Guid? OutcomeId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsDue(DateTimeOffset now) => Status == FollowUpRequestStatus.Open && DueFrom <= now;

    /// <summary>False when the request is not open, or not due yet: the app shows it only from its date.</summary>
    public bool TryAnswer(Guid outcomeId, DateTimeOffset now)
    {
        if (!IsDue(now))
            return false;
        (Status, OutcomeId, ClosedAt) = (FollowUpRequestStatus.Answered, outcomeId, now);
        return true;
    }

    public bool TryCancel(DateTimeOffset now)
    {
        if (Status != FollowUpRequestStatus.Open)
            return false;
        (Status, ClosedAt) = (FollowUpRequestStatus.Cancelled, now);
        return true;
    }
}
