using MassTransit;
using RehabPlatform.Contracts.Intake;
using RehabPlatform.Contracts.Programs;

namespace RehabPlatform.Sessions.Consumers;

/// <summary>
/// Each program's prescription as last published. A stale (lower or equal) program version never
/// overwrites a newer one, whichever event carries it and in whatever order they arrive.
/// </summary>
internal static partial class PrescriptionReadModel
{
    public static async Task ApplyAsync(SessionsDbContext db, ILogger logger, Guid programId, Guid patientId, Guid clinicId, int version,
        Contracts.Programs.Prescription published, bool closed, DateTimeOffset at, CancellationToken ct, (Guid Id, int Version)? template = null)
    {
        var prescription = published.FromContract();
        var state = await db.Prescriptions.FindAsync([programId], ct);
        if (state is null)
        {
            db.Prescriptions.Add(new PrescriptionState
            {
                ProgramId = programId, PatientId = patientId, ClinicId = clinicId, ProgramVersion = version, Phase = prescription.Phase,
                SessionsPerWeek = prescription.SessionsPerWeek, Prescription = prescription, Closed = closed, AssignedAt = at, UpdatedAt = at,
                TemplateId = template?.Id, TemplateVersion = template?.Version,
            });
            return;
        }
        // An adjustment can arrive before its assignment: the assignment still says which template the program came from.
        if (template is { } assignedFrom && state.TemplateId is null)
            (state.TemplateId, state.TemplateVersion) = (assignedFrom.Id, assignedFrom.Version);
        if (version <= state.ProgramVersion)
        {
            LogStale(logger, programId, version, state.ProgramVersion);
            return;
        }
        state.PreviousProgramVersion = state.ProgramVersion;
        state.PreviousPrescription = state.Prescription;
        state.ReplacedAt = at;
        state.ProgramVersion = version;
        state.Phase = prescription.Phase;
        if (!closed)
            state.SessionsPerWeek = prescription.SessionsPerWeek;
        state.Prescription = prescription;
        state.Closed = closed;
        state.UpdatedAt = at;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored program {ProgramId} version {Version}: version {Stored} is already applied")]
    private static partial void LogStale(ILogger logger, Guid programId, int version, int stored);
}

[ConsumerEndpoint("program-assigned", "RehabPlatform.Sessions.Consumers.ProgramAssignedConsumer")]
public sealed class ProgramAssignedConsumer(SessionsDbContext db, MessagingTelemetry telemetry, ILogger<ProgramAssignedConsumer> logger)
    : IdempotentConsumer<ProgramAssigned, SessionsDbContext>(db, telemetry, logger)
{
    private readonly ILogger _logger = logger;

    protected override Task HandleAsync(ProgramAssigned m, ConsumeContext<ProgramAssigned> context) =>
        PrescriptionReadModel.ApplyAsync(Db, _logger, m.ProgramId, m.PatientId, m.ClinicId, m.ProgramVersion, m.Prescription, closed: false, m.OccurredAt,
            context.CancellationToken, (m.TemplateId, m.TemplateVersion));
}

[ConsumerEndpoint("program-adjusted", "RehabPlatform.Sessions.Consumers.ProgramAdjustedConsumer")]
public sealed class ProgramAdjustedConsumer(SessionsDbContext db, MessagingTelemetry telemetry, ILogger<ProgramAdjustedConsumer> logger)
    : IdempotentConsumer<ProgramAdjusted, SessionsDbContext>(db, telemetry, logger)
{
    private readonly ILogger _logger = logger;

    protected override Task HandleAsync(ProgramAdjusted m, ConsumeContext<ProgramAdjusted> context) =>
        PrescriptionReadModel.ApplyAsync(Db, _logger, m.ProgramId, m.PatientId, m.ClinicId, m.ProgramVersion, m.Prescription,
            m.Decision == ProgressionDecision.Closed, m.OccurredAt, context.CancellationToken);
}

/// <summary>The intake baseline for follow-up comparisons.</summary>
[ConsumerEndpoint("baseline", "RehabPlatform.Sessions.Consumers.BaselineConsumer")]
public sealed class IntakeCompletedConsumer(SessionsDbContext db, MessagingTelemetry telemetry, ILogger<IntakeCompletedConsumer> logger)
    : IdempotentConsumer<IntakeCompleted, SessionsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(IntakeCompleted message, ConsumeContext<IntakeCompleted> context)
    {
        // The baseline is the episode's first intake: a reassessment, an intake without an episode, or an older one
        // arriving late never replaces it; only a new episode does.
        var existing = await Db.Baselines.FindAsync([message.PatientId], context.CancellationToken);
        if (existing is not null && (message.IsReassessment || message.EpisodeId is null || message.EpisodeId == existing.EpisodeId || existing.IntakeAt >= message.OccurredAt))
            return;
        if (existing is not null)
            Db.Baselines.Remove(existing);
        Db.Baselines.Add(new Baseline
        {
            PatientId = message.PatientId, ClinicId = message.ClinicId, AkpsScore = message.AkpsScore, NprsNow = message.NprsNow,
            NprsWorstLastWeek = message.NprsWorstLastWeek, IntakeAt = message.OccurredAt, EpisodeId = message.EpisodeId,
            SymptomDurationWeeks = message.SymptomDurationWeeks,
        });
    }
}

/// <summary>A red-flag referral, counted per clinic by outcome analytics.</summary>
[ConsumerEndpoint("referral", "RehabPlatform.Sessions.Consumers.ReferralConsumer")]
public sealed class PatientReferredOutConsumer(SessionsDbContext db, MessagingTelemetry telemetry, ILogger<PatientReferredOutConsumer> logger)
    : IdempotentConsumer<PatientReferredOut, SessionsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(PatientReferredOut message, ConsumeContext<PatientReferredOut> context)
    {
        if (await Db.Referrals.FindAsync([message.IntakeId], context.CancellationToken) is not null)
            return;
        Db.Referrals.Add(new Referral { IntakeId = message.IntakeId, PatientId = message.PatientId, ClinicId = message.ClinicId, ReferredAt = message.OccurredAt });
    }
}

/// <summary>When a referral was acted on, for the time it took; it may arrive before the referral itself.</summary>
[ConsumerEndpoint("referral-acted-on", "RehabPlatform.Sessions.Consumers.ReferralActedOnConsumer")]
public sealed class ReferralActedOnConsumer(SessionsDbContext db, MessagingTelemetry telemetry, ILogger<ReferralActedOnConsumer> logger)
    : IdempotentConsumer<ReferralActedOn, SessionsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(ReferralActedOn message, ConsumeContext<ReferralActedOn> context)
    {
        if (await Db.Referrals.FindAsync([message.IntakeId], context.CancellationToken) is { } referral)
        {
            referral.ActedAt ??= message.OccurredAt;
            return;
        }
        Db.Referrals.Add(new Referral
        {
            IntakeId = message.IntakeId, PatientId = message.PatientId, ClinicId = message.ClinicId, ReferredAt = message.ReferredAt, ActedAt = message.OccurredAt,
        });
    }
}

/// <summary>Moves every record of the patient into the new clinic's scope.</summary>
[ConsumerEndpoint("transfer", "RehabPlatform.Sessions.Consumers.TransferConsumer")]
public sealed class PatientTransferredConsumer(SessionsDbContext db, MessagingTelemetry telemetry, ILogger<PatientTransferredConsumer> logger)
    : IdempotentConsumer<PatientTransferred, SessionsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(PatientTransferred message, ConsumeContext<PatientTransferred> context)
    {
        var ct = context.CancellationToken;
        var (patient, to) = (message.PatientId, message.ClinicId);
        await Db.MovePatientAsync<PrescriptionState>(patient, to, ct);
        await Db.MovePatientAsync<Baseline>(patient, to, ct);
        await Db.MovePatientAsync<TreatmentSession>(patient, to, ct);
        await Db.MovePatientAsync<PainReport>(patient, to, ct);
        await Db.MovePatientAsync<FollowUpOutcome>(patient, to, ct);
        await Db.MovePatientAsync<FollowUpRequest>(patient, to, ct);
        // Referrals stay with the clinic that made them: analytics counts them where they happened.
    }
}
