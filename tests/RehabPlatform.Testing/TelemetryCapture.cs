using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace RehabPlatform.Testing;

/// <summary>
/// Captures what a service writes to logs (messages and every structured value, after redaction) and to
/// traces (span names, tags, events), for privacy scans.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly ConcurrentQueue<Activity> _spans = new();

    public void Install(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(_logs));
        // Spans end on many threads while a test reads them: a concurrent queue, not the in-memory exporter's list.
        services.AddOpenTelemetry().WithTracing(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new QueueExporter(_spans))));
    }

    public IReadOnlyList<string> LogLines => _logs.ToList();

    public IReadOnlyList<string> SpanTexts => _spans.ToArray()
        .SelectMany(span => new[] { span.DisplayName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}"))))
        .ToList();

    public int SpanCount => _spans.Count;

    private sealed class QueueExporter(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
                spans.Enqueue(span);
            return ExportResult.Success;
        }
    }

    /// <summary>Every captured line that contains any of the given values (case-insensitive).</summary>
    public IReadOnlyList<string> Leaks(params string[] values) =>
        LogLines.Concat(SpanTexts).Where(text => values.Any(v => text.Contains(v, StringComparison.OrdinalIgnoreCase))).ToList();

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);
        public void Dispose() { }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {values} | {exception?.Message}");
        }
    }
}
