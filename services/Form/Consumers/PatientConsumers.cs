using MassTransit;
using RehabPlatform.Contracts.Intake;

namespace RehabPlatform.Form.Consumers;

internal static class KnownPatients
{
    public static async Task<KnownPatient> GetOrAddAsync(FormDbContext db, Guid patientId, Guid clinicId, CancellationToken ct)
    {
        var patient = await db.Patients.FindAsync([patientId], ct);
        if (patient is null)
        {
            patient = new KnownPatient { PatientId = patientId, ClinicId = clinicId };
            db.Patients.Add(patient);
        }
        return patient;
    }
}

/// <summary>Runners get a running-form assessment opened at intake.</summary>
[ConsumerEndpoint("intake-completed", "RehabPlatform.Form.Consumers.IntakeCompletedConsumer")]
public sealed class IntakeCompletedConsumer(FormDbContext db, MessagingTelemetry telemetry, ILogger<IntakeCompletedConsumer> logger)
    : IdempotentConsumer<IntakeCompleted, FormDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(IntakeCompleted message, ConsumeContext<IntakeCompleted> context)
    {
        var patient = await KnownPatients.GetOrAddAsync(Db, message.PatientId, message.ClinicId, context.CancellationToken);
        patient.IsRunner = message.Running.IsRunner;
        patient.AssessmentOpen = message.Running.IsRunner;
        patient.AffectedSide = message.AffectedSide.ToString().ToLowerInvariant();
    }
}

/// <summary>Form analysis needs the patient's form-analysis consent; the newest decision wins.</summary>
[ConsumerEndpoint("consent-changed", "RehabPlatform.Form.Consumers.ConsentChangedConsumer")]
public sealed class ConsentChangedConsumer(FormDbContext db, MessagingTelemetry telemetry, ILogger<ConsentChangedConsumer> logger)
    : IdempotentConsumer<ConsentChanged, FormDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(ConsentChanged message, ConsumeContext<ConsentChanged> context)
    {
        var patient = await KnownPatients.GetOrAddAsync(Db, message.PatientId, message.ClinicId, context.CancellationToken);
        if (message.Scope != ConsentScope.FormAnalysis || (patient.ConsentChangedAt is { } last && last > message.OccurredAt))
            return;
        patient.FormAnalysisConsent = message.Granted;
        patient.ConsentVersion = message.ConsentVersion;
        patient.ConsentChangedAt = message.OccurredAt;
    }
}

[ConsumerEndpoint("patient-transferred", "RehabPlatform.Form.Consumers.PatientTransferredConsumer")]
public sealed class PatientTransferredConsumer(FormDbContext db, MessagingTelemetry telemetry, ILogger<PatientTransferredConsumer> logger)
    : IdempotentConsumer<PatientTransferred, FormDbContext>(db, telemetry, logger)
{
    protected override async Task HandleAsync(PatientTransferred message, ConsumeContext<PatientTransferred> context)
    {
        var ct = context.CancellationToken;
        var patient = await KnownPatients.GetOrAddAsync(Db, message.PatientId, message.ClinicId, ct);
        patient.ClinicId = message.ClinicId;
        await Db.MovePatientAsync<Capture>(message.PatientId, message.ClinicId, ct);
    }
}
