using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;

namespace RehabPlatform.Testing;

/// <summary>
/// A stand-in for an OpenTelemetry collector on a loopback port: it accepts OTLP over HTTP/protobuf
/// (/v1/traces, /v1/logs, /v1/metrics) from processes started with <see cref="EnvironmentFor"/> and keeps every
/// export as received. Protobuf carries string attribute values as plain UTF-8, so searching the raw payloads
/// finds any value a process put into a span, log record or metric, whatever the attribute is called.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<OtlpExport> Exports { get; } = new();

    /// <summary>The standard OTEL_* settings that make a process export everything here, quickly.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor() => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "500",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "2000",
    };

    public static async Task<OtlpReceiver> StartAsync()
    {
        var (app, port) = TestEnvironment.LoopbackApp();
        var receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            var source = request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(request.Body, CompressionMode.Decompress)
                : request.Body;
            await source.CopyToAsync(body);
            receiver.Exports.Enqueue(new OtlpExport(signal, body.ToArray()));
            // An empty ExportServiceResponse is an empty protobuf message: zero bytes.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>One OTLP export request: the signal (traces, logs or metrics) and its protobuf payload.</summary>
public sealed record OtlpExport(string Signal, byte[] Payload)
{
    /// <summary>
    /// Whether the export's resource says service.name = <paramref name="service"/>: the KeyValue as protobuf
    /// encodes it (key, then an AnyValue holding a string), for names shorter than 126 bytes.
    /// </summary>
    public bool IsFrom(string service)
    {
        var name = Encoding.UTF8.GetBytes(service);
        byte[] pattern = [.. "service.name"u8, 0x12, (byte)(name.Length + 2), 0x0A, (byte)name.Length, .. name];
        return Payload.AsSpan().IndexOf(pattern) >= 0;
    }

    public bool Contains(string value) => Payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;

    public bool ContainsIgnoringCase(string value) =>
        Encoding.UTF8.GetString(Payload).Contains(value, StringComparison.OrdinalIgnoreCase);
}
