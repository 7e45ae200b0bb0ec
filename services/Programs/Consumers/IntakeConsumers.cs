using MassTransit;
using RehabPlatform.Contracts.Intake;

namespace RehabPlatform.Programs.Consumers;

/// <summary>A patient cleared at intake gets a phase chosen by the planning rules, on the default chain template.</summary>
[ConsumerEndpoint("intake-completed", "RehabPlatform.Programs.Consumers.IntakeCompletedConsumer")]
public sealed partial class IntakeCompletedConsumer(ProgramsDbContext db, ProgramPlanner planner, MessagingTelemetry telemetry, ILogger<IntakeCompletedConsumer> logger)
    : IdempotentConsumer<IntakeCompleted, ProgramsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(IntakeCompleted message, ConsumeContext<IntakeCompleted> context)
    {
        var ct = context.CancellationToken;
        var patient = await Db.Patients.FindAsync([message.PatientId], ct);
        if (patient is null)
        {
            patient = new KnownPatient { PatientId = message.PatientId, ClinicId = message.ClinicId };
            Db.Patients.Add(patient);
        }
        patient.AkpsScore = message.AkpsScore;
        patient.NprsWorstLastWeek = message.NprsWorstLastWeek;
        patient.IsRunner = message.Running.IsRunner;
        patient.ReferredOut = false;

        var (plan, phase, reason) = await planner.PlanAfterIntakeAsync(patient,
            new Baseline(message.AkpsScore, message.NprsNow, message.NprsWorstLastWeek, message.Running.IsRunner), ct);
        switch (plan)
        {
            case ProgramPlanner.IntakePlan.Assigned:
                LogAssigned(logger, message.PatientId, phase, reason);
                break;
            case ProgramPlanner.IntakePlan.NoDefaultTemplate:
                LogNoDefaultTemplate(logger, message.PatientId);
                break;
            default:
                LogNoNewProgram(logger, message.PatientId, reason);
                break;
        }
    }

    // Per message, so Debug: at an import's rate Information would write a line per patient (the counters and traces say the same).
    [LoggerMessage(Level = LogLevel.Debug, Message = "No new program for patient {PatientId} ({Reason}); intake baseline updated only")]
    private static partial void LogNoNewProgram(ILogger logger, Guid patientId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No published default chain template; patient {PatientId} waits for a therapist to assign a program")]
    private static partial void LogNoDefaultTemplate(ILogger logger, Guid patientId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Assigned a phase {Phase} program to patient {PatientId} ({Reason})")]
    private static partial void LogAssigned(ILogger logger, Guid patientId, int phase, string reason);
}

/// <summary>A red flag means no program: any active one is closed.</summary>
[ConsumerEndpoint("patient-referred-out", "RehabPlatform.Programs.Consumers.PatientReferredOutConsumer")]
public sealed class PatientReferredOutConsumer(ProgramsDbContext db, ProgramPlanner planner, MessagingTelemetry telemetry, ILogger<PatientReferredOutConsumer> logger)
    : IdempotentConsumer<PatientReferredOut, ProgramsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(PatientReferredOut message, ConsumeContext<PatientReferredOut> context)
    {
        var ct = context.CancellationToken;
        var patient = await Db.Patients.FindAsync([message.PatientId], ct);
        if (patient is null)
            Db.Patients.Add(new KnownPatient { PatientId = message.PatientId, ClinicId = message.ClinicId, ReferredOut = true });
        else
            patient.ReferredOut = true;
        await planner.CloseActiveAsync(message.PatientId, "referred-out", ct);
    }
}

/// <summary>Moves the patient's programs and decisions into the new clinic's scope.</summary>
[ConsumerEndpoint("patient-transferred", "RehabPlatform.Programs.Consumers.PatientTransferredConsumer")]
public sealed class PatientTransferredConsumer(ProgramsDbContext db, MessagingTelemetry telemetry, ILogger<PatientTransferredConsumer> logger)
    : IdempotentConsumer<PatientTransferred, ProgramsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(PatientTransferred message, ConsumeContext<PatientTransferred> context)
    {
        var ct = context.CancellationToken;
        var patient = await Db.Patients.FindAsync([message.PatientId], ct);
        if (patient is null)
            Db.Patients.Add(new KnownPatient { PatientId = message.PatientId, ClinicId = message.ClinicId });
        else
            patient.ClinicId = message.ClinicId;
        await Db.MovePatientAsync<PatientProgram>(message.PatientId, message.ClinicId, ct);
        await Db.MovePatientAsync<ProgressionDecisionRecord>(message.PatientId, message.ClinicId, ct);
    }
}

/// <summary>A withdrawal of treatment consent stops every automatic change to the patient's program; a new grant resumes them. The newest decision wins.</summary>
[ConsumerEndpoint("consent-changed", "RehabPlatform.Programs.Consumers.ConsentChangedConsumer")]
public sealed class ConsentChangedConsumer(ProgramsDbContext db, MessagingTelemetry telemetry, ILogger<ConsentChangedConsumer> logger)
    : IdempotentConsumer<ConsentChanged, ProgramsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(ConsentChanged message, ConsumeContext<ConsentChanged> context)
    {
        if (message.Scope != ConsentScope.Treatment)
            return;
        var patient = await Db.Patients.FindAsync([message.PatientId], context.CancellationToken);
        if (patient is null)
        {
            patient = new KnownPatient { PatientId = message.PatientId, ClinicId = message.ClinicId };
            Db.Patients.Add(patient);
        }
        if (patient.TreatmentConsentChangedAt is { } last && last > message.OccurredAt)
            return;
        patient.TreatmentConsentWithdrawn = !message.Granted;
        patient.TreatmentConsentChangedAt = message.OccurredAt;
    }
}
