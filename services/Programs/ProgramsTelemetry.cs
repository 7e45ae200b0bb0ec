using System.Diagnostics.Metrics;

namespace RehabPlatform.Programs;

/// <summary>Programs' own meter: counts by decision, never patient attributes.</summary>
public sealed class ProgramsTelemetry
{
    public const string MeterName = "RehabPlatform.Programs";

    public ProgramsTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        ProgramsAssigned = meter.CreateCounter<long>("rehab.programs.assigned", "{program}", "Programs assigned");
        Adjustments = meter.CreateCounter<long>("rehab.programs.adjustments", "{decision}", "Program adjustments by decision");
    }

    public Counter<long> ProgramsAssigned { get; }
    public Counter<long> Adjustments { get; }
}
