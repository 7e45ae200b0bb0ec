using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RehabPlatform.Contracts.Form;

namespace RehabPlatform.Form.UseCases;

/// <summary>Captures waiting for analysis; uploads return 202 as soon as theirs is queued.</summary>
public sealed class CaptureQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>();

    public void Enqueue(Guid captureId) => _channel.Writer.TryWrite(captureId);

    public IAsyncEnumerable<Guid> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>
/// Analyses queued captures and stores each result with its FormAssessed event in one SaveChanges. At start-up
/// it picks up captures left pending by a previous process.
/// </summary>
public sealed partial class CaptureProcessor(IServiceScopeFactory scopes, CaptureQueue queue, IOptions<AnalysisSettings> settings, FormTelemetry telemetry, TimeProvider clock,
    ILogger<CaptureProcessor> logger) : BackgroundService
{
    public static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FormDbContext>();
            foreach (var id in await db.Captures.Where(c => c.Status == CaptureStatus.Pending).Select(c => c.Id).ToListAsync(stoppingToken))
                queue.Enqueue(id);
        }

        await foreach (var id in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ProcessAsync(id, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The capture stays pending and is retried at the next start; the queue keeps flowing.
                LogProcessingFailed(logger, id, ex);
            }
        }
    }

    public async Task ProcessAsync(Guid captureId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FormDbContext>();
        var capture = await db.Captures.FindAsync([captureId], ct);
        if (capture is null || capture.Status != CaptureStatus.Pending)
            return;

        var started = Stopwatch.GetTimestamp();
        var sequence = new PoseSequence(capture.Format, capture.View, capture.Fps, FrameCodec.Decode(capture.FramesJson));
        try
        {
            var analysis = GaitAnalyzer.Analyze(sequence, settings.Value, capture.AspectRatio);
            capture.Status = CaptureStatus.Completed;
            capture.Result = analysis;
            capture.LowReliability = analysis.LowReliability;
            capture.CompletedAt = clock.GetUtcNow();
            db.AddEvent(new FormAssessed
            {
                AssessmentId = capture.Id,
                PatientId = capture.PatientId,
                ClinicId = capture.ClinicId,
                View = (CaptureView)(int)capture.View,
                LowReliability = analysis.LowReliability,
                Metrics = analysis.Metrics.Select(m => new FormMetricValue { Metric = m.Code, Value = m.Mean, Unit = m.Unit, UnavailableReason = m.UnavailableReason }).ToList(),
                Flags = analysis.Flags,
                CadenceStepsPerMinute = analysis.Cadence,
                CadenceTarget = analysis.CadenceTarget,
                OccurredAt = capture.CompletedAt.Value,
            });
            var patient = await db.Patients.FindAsync([capture.PatientId], ct);
            if (patient is not null)
                patient.AssessmentOpen = false;
        }
        catch (NotAnalysableException ex)
        {
            capture.Status = CaptureStatus.Failed;
            capture.Error = ex.Message;
            capture.CompletedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        telemetry.Analyses.Add(1, new KeyValuePair<string, object?>("status", capture.Status.ToString()));
        telemetry.AnalysisDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Analysing capture {CaptureId} failed; it stays pending")]
    private static partial void LogProcessingFailed(ILogger logger, Guid captureId, Exception exception);
}
