using System.Diagnostics;

namespace RehabPlatform.Testing;

/// <summary>
/// A real Prometheus (Debian's package, started as a process of this test run on a loopback port) scraping the
/// given targets every second, with its data in a folder of the run that is deleted on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private PrometheusServer(Process process, string data, Uri address)
    {
        _process = process;
        _data = data;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="jobs">Job name -> "host:port" scraped at /metrics.</param>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string> jobs)
    {
        var binary = new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Prometheus is not installed: deploy/local/install-test-tools.sh installs Debian's package.");
        var data = TestEnvironment.NewDataFolder("prometheus");
        var config = Path.Combine(data, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n" + string.Concat(jobs.Select(job =>
            $"  - job_name: {job.Key}\n    static_configs: [{{ targets: [\"{job.Value}\"] }}]\n")));
        var port = TestEnvironment.FreeHttpPort();
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(data, "tsdb")}", $"--web.listen-address=127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start prometheus");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, data, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.MatchAsync(async () =>
        {
            try { return (await http.GetAsync("-/ready")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, ready => ready || process.HasExited, TimeSpan.FromSeconds(30), "Prometheus ready");
        if (process.HasExited)
            throw new InvalidOperationException($"Prometheus exited with {process.ExitCode}");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        TestEnvironment.DeleteDataFolder(_data);
    }
}
