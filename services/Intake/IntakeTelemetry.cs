using System.Diagnostics.Metrics;

namespace RehabPlatform.Intake;

/// <summary>Intake's own meter: counts by clinic, never patient attributes.</summary>
public sealed class IntakeTelemetry
{
    public const string MeterName = "RehabPlatform.Intake";

    public IntakeTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        PatientsRegistered = meter.CreateCounter<long>("rehab.intake.patients_registered", "{patient}", "Patients registered");
        IntakesCompleted = meter.CreateCounter<long>("rehab.intake.intakes_completed", "{intake}", "Intakes cleared for a program");
        Referrals = meter.CreateCounter<long>("rehab.intake.referrals", "{intake}", "Intakes referred out for a red flag");
    }

    public Counter<long> PatientsRegistered { get; }
    public Counter<long> IntakesCompleted { get; }
    public Counter<long> Referrals { get; }
}
