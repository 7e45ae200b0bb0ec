namespace RehabPlatform.Programs.UseCases;

/// <summary>How <see cref="ProgramPlanner"/> doses the drills a form assessment adds. Bound from "Programs:FormDrills".</summary>
public sealed class FormDrillOptions
{
    public const string SectionName = "Programs:FormDrills";

    /// <summary>Cadence increase suggested for a low cadence, 5-10 % (Heiderscheit 2011).</summary>
    public double CadenceIncreasePercent { get; set; } = 7.5;
}
