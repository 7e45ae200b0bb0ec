using MassTransit;
using RehabPlatform.Contracts.Form;
using RehabPlatform.Contracts.Sessions;

namespace RehabPlatform.Programs.Consumers;

/// <summary>The pain-monitoring loop: a completed session feeds the progression engine.</summary>
[ConsumerEndpoint("session-completed", "RehabPlatform.Programs.Consumers.SessionCompletedConsumer")]
public sealed partial class SessionCompletedConsumer(ProgramsDbContext db, ProgramPlanner planner, MessagingTelemetry telemetry, ILogger<SessionCompletedConsumer> logger)
    : IdempotentConsumer<SessionCompleted, ProgramsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(SessionCompleted message, ConsumeContext<SessionCompleted> context)
    {
        if (await planner.ProgramForAutomaticChangeAsync(message.PatientId, context.CancellationToken) is not { } program || program.Id != message.ProgramId)
        {
            LogNoActiveProgram(logger, message.SessionId, message.ProgramId);
            return;
        }
        await planner.ProgressAsync(program, new SessionSignal(message.SessionId, message.PainBefore, message.PainDuring, message.PainAfter, message.MinutesToSettle,
            message.Phase, message.PerformedAt), context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} belongs to program {ProgramId}, which is not active (or consent is withdrawn); no progression")]
    private static partial void LogNoActiveProgram(ILogger logger, Guid sessionId, Guid programId);
}

/// <summary>Pain reported later (next morning, while running, daily activity) feeds the engine too.</summary>
[ConsumerEndpoint("pain-reported", "RehabPlatform.Programs.Consumers.PainReportedConsumer")]
public sealed class PainReportedConsumer(ProgramsDbContext db, ProgramPlanner planner, MessagingTelemetry telemetry, ILogger<PainReportedConsumer> logger)
    : IdempotentConsumer<PainReported, ProgramsDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(PainReported message, ConsumeContext<PainReported> context)
    {
        ProgressionSignal signal = message.Context switch
        {
            PainContext.NextMorning => new NextMorningSignal(message.SessionId, message.Pain, message.WorseThanBaseline, message.FlareHours, message.ReportedAt),
            PainContext.WhileRunning => new RunningPainSignal(message.Pain, message.RunMinutes, message.ReportedAt),
            _ => new DailyPainSignal(message.Pain, message.ReportedAt),
        };
        await planner.ProgressAsync(message.PatientId, signal, context.CancellationToken);
    }
}

/// <summary>Form flags become drills (a cadence target of +5-10 %, short strides, tall posture), scheduled for return to run; a low-reliability capture only proposes them.</summary>
[ConsumerEndpoint("form-assessed", "RehabPlatform.Programs.Consumers.FormAssessedConsumer")]
public sealed class FormAssessedConsumer(ProgramsDbContext db, ProgramPlanner planner, MessagingTelemetry telemetry, ILogger<FormAssessedConsumer> logger)
    : IdempotentConsumer<FormAssessed, ProgramsDbContext>(db, telemetry, logger)
{
    protected override Task HandleAsync(FormAssessed message, ConsumeContext<FormAssessed> context) =>
        planner.AddFormDrillsAsync(message.PatientId, message.Flags.ToList(), message.CadenceStepsPerMinute, message.LowReliability, context.CancellationToken);
}
