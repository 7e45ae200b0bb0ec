namespace RehabPlatform.Programs;

/// <summary>Programs' own meter: counts by decision, never patient attributes.</summary>
public sealed class ProgramsTelemetry(IMeterFactory meters)
{
    // IMeterFactory hands out one Meter per name, so every instrument below shares it.
    public const string MeterName = "RehabPlatform.Programs";

    public Counter<long> ProgramsAssigned { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.programs.assigned", "{program}", "Programs assigned");
    public Counter<long> Adjustments { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.programs.adjustments", "{decision}", "Program adjustments by decision");
}
