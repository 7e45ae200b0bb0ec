using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RehabPlatform.Testing;

/// <summary>Where the repository and the test data live, and how tests get free loopback ports.</summary>
public static class TestEnvironment
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RehabPlatform.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("RehabPlatform.sln not found above " + AppContext.BaseDirectory);
    });

    private static int _nextPortOffset = Environment.ProcessId % 500 * 5;

    public static string RepositoryRoot => RootPath.Value;

    /// <summary>Scratch space of this test run; deploy/test.sh stops every node left in it.</summary>
    public static string DataRoot
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("REHAB_TEST_DATA") ?? Path.Combine(RepositoryRoot, ".data", "test");
            Directory.CreateDirectory(root);
            return root;
        }
    }

    public static string NewDataFolder(string prefix)
    {
        var path = Path.Combine(DataRoot, $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Removes a folder made by <see cref="NewDataFolder"/>; a file a dying process still holds is left for the OS to reap.</summary>
    public static void DeleteDataFolder(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// A port such that it and the companions at the given offsets are free on 127.0.0.1. Ports stay below the
    /// kernel's ephemeral range so that outgoing connections can never hold them.
    /// </summary>
    public static int FreePort(int low, int high, params int[] companionOffsets)
    {
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            // Steps of 7 keep nodes' derived ports (and their CLI tools' port ranges) apart.
            var offset = Interlocked.Add(ref _nextPortOffset, 7);
            var port = low + offset % (high - low);
            if (IsFree(port) && companionOffsets.All(o => IsFree(port + o)))
                return port;
        }
        throw new InvalidOperationException($"No free port between {low} and {high}.");
    }

    private static readonly Lock ReportLock = new();

    /// <summary>
    /// Adds a line to the run's report (the file named by REHAB_TEST_REPORT, which deploy/test.sh prints at the
    /// end), for numbers a reader of the test command's output should see: reconciliation counts, for example.
    /// </summary>
    public static void Report(string line)
    {
        if (Environment.GetEnvironmentVariable("REHAB_TEST_REPORT") is not { Length: > 0 } path)
            return;
        lock (ReportLock)
            File.AppendAllText(path, line + Environment.NewLine);
    }

    public static int FreeHttpPort() => FreePort(13000, 19999);

    /// <summary>A quiet web app on a free loopback port, for a fake neighbour (an OTLP collector, a service behind the gateway).</summary>
    public static (WebApplication App, int Port) LoopbackApp()
    {
        var port = FreeHttpPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        return (builder.Build(), port);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Runs a deploy script and returns its last output line; throws with its output when it fails.</summary>
    public static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, script));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        return (await stdout).Trim().Split('\n').LastOrDefault() ?? "";
    }

    /// <summary>
    /// Starts a deploy script in its own session without waiting: used at process exit, where the test host
    /// may be ended before a graceful stop completes.
    /// </summary>
    public static void RunScriptDetached(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, script));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process.Start(start)?.Dispose();
    }

    /// <summary>True when a Docker-compatible engine answers (Docker, or podman's socket via DOCKER_HOST).</summary>
    /// <summary>
    /// A Docker engine that can pull the official images: not podman's socket set up by deploy/test.sh, which serves
    /// only the RabbitMQ image built locally (REHAB_TEST_CONTAINER_BROKER_IMAGE).
    /// </summary>
    public static bool PullingDockerEngineAvailable() =>
        Environment.GetEnvironmentVariable("REHAB_TEST_CONTAINER_BROKER_IMAGE") is null && DockerEngineAvailable();

    public static bool DockerEngineAvailable()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketPath = host is not null && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..]
            : host is null ? "/var/run/docker.sock" : null;
        if (socketPath is null)
            return true; // a TCP DOCKER_HOST: trust the configuration
        if (!File.Exists(socketPath))
            return false;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
