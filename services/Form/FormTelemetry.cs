using System.Diagnostics.Metrics;

namespace RehabPlatform.Form;

/// <summary>Form's own meter: analyses by status and their duration, never patient attributes.</summary>
public sealed class FormTelemetry
{
    public const string MeterName = "RehabPlatform.Form";

    public FormTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Analyses = meter.CreateCounter<long>("rehab.form.analyses", "{capture}", "Form captures analysed, by status");
        AnalysisDuration = meter.CreateHistogram<double>("rehab.form.analysis_duration", "ms", "Time to analyse one capture");
    }

    public Counter<long> Analyses { get; }
    public Histogram<double> AnalysisDuration { get; }
}
