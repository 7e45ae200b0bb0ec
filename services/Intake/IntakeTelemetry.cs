namespace RehabPlatform.Intake;

/// <summary>Intake's own meter: counts by clinic, never patient attributes.</summary>
public sealed class IntakeTelemetry(IMeterFactory meters)
{
    // IMeterFactory hands out one Meter per name, so every instrument below shares it.
    public const string MeterName = "RehabPlatform.Intake";

    public Counter<long> PatientsRegistered { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.intake.patients_registered", "{patient}", "Patients registered");
    public Counter<long> IntakesCompleted { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.intake.intakes_completed", "{intake}", "Intakes cleared for a program");
    public Counter<long> Referrals { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.intake.referrals", "{intake}", "Intakes referred out for a red flag");
}
