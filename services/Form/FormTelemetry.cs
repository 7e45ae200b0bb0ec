namespace RehabPlatform.Form;

/// <summary>Form's own meter: analyses by status and their duration, never patient attributes.</summary>
public sealed class FormTelemetry(IMeterFactory meters)
{
    // IMeterFactory hands out one Meter per name, so every instrument below shares it.
    public const string MeterName = "RehabPlatform.Form";

    public Counter<long> Analyses { get; } = meters.Create(MeterName).CreateCounter<long>("rehab.form.analyses", "{capture}", "Form captures analysed, by status");
    public Histogram<double> AnalysisDuration { get; } = meters.Create(MeterName).CreateHistogram<double>("rehab.form.analysis_duration", "ms", "Time to analyse one capture");
}
