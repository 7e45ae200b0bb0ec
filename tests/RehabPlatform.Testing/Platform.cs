using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace RehabPlatform.Testing;

/// <summary>
/// The whole platform as the run command starts it: its own RabbitMQ node, the four services and the gateway
/// as separate processes (SQLite files in a scratch folder), development tokens. Tests talk to the gateway only.
/// Every process's output, and everything it exports over OTLP, is kept for the privacy scan.
/// As a chain that has grown runs it: <see cref="Replicas"/> processes of every service behind the gateway, one
/// PostgreSQL database per service (<see cref="Postgres"/>), a three-node RabbitMQ cluster with quorum queues
/// (<see cref="BrokerCluster"/>).
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    private static readonly string[] Services = [.. ServiceDefaults.PlatformServices.All.Select(s => s.Name)];
    private readonly Dictionary<string, Process> _processes = new();
    private readonly Dictionary<string, (string Project, int Port, IReadOnlyDictionary<string, string> Environment)> _starts = new();
    private readonly Dictionary<string, string> _databases = new();
    private RabbitMqBroker? _broker;
    private RabbitMqCluster? _cluster;
    private OtlpReceiver? _telemetry;
    private string? _data;

    /// <summary>Processes per service; the second of "intake" is "intake-2" (set before the platform starts).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Where each service's database lives: SQLite files when null (set before the platform starts).</summary>
    public PostgresServer? Postgres { get; init; }

    /// <summary>A three-node RabbitMQ cluster with quorum queues instead of one node (set before the platform starts).</summary>
    public bool BrokerCluster { get; init; }

    /// <summary>The cluster's nodes when <see cref="BrokerCluster"/> is set.</summary>
    public RabbitMqCluster Cluster => _cluster ?? throw new InvalidOperationException("The platform runs on one broker node.");

    /// <summary>The names of a service's processes: "intake", "intake-2", ...</summary>
    public static IEnumerable<string> ReplicaNames(string service, int replicas) =>
        Enumerable.Range(1, replicas).Select(i => i == 1 ? service : $"{service}-{i}");

    public ConcurrentQueue<string> Output { get; } = new();

    public Uri Gateway { get; private set; } = null!;

    /// <summary>Start the staff portal too, served by the gateway at / (set before the platform starts).</summary>
    public bool WithPortal { get; init; }

    /// <summary>Extra gateway settings (environment variable names), set before the platform starts.</summary>
    public Dictionary<string, string> GatewaySettings { get; } = new();

    public RabbitMqBroker Broker => _broker ?? throw NotStarted();

    /// <summary>Everything the processes exported over OTLP (traces, logs, metrics), as a collector would get it.</summary>
    public OtlpReceiver Telemetry => _telemetry ?? throw NotStarted();

    /// <summary>The SQLite file of a service, for reconciliation against what the gateway accepted.</summary>
    public string DatabaseFile(string service) => Path.Combine(_data ?? throw NotStarted(), "db", service + ".db");

    private static InvalidOperationException NotStarted() => new("The platform has not started.");

    /// <summary>
    /// The rows of a query against a service's database (SQLite or PostgreSQL), each column as text: ids read the
    /// same on both (upper-case), so a reconciliation is written once.
    /// </summary>
    public async Task<IReadOnlyList<string[]>> QueryAsync(string service, string sql)
    {
        await using System.Data.Common.DbConnection connection = Postgres is null
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabaseFile(service)};Mode=ReadOnly")
            : new Npgsql.NpgsqlConnection(_databases[service]);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!.ToUpperInvariant())
                .ToArray());
        return rows;
    }

    /// <summary>Where a service listens directly (not through the gateway).</summary>
    public Uri ServiceAddress(string name) => new($"http://127.0.0.1:{_starts[name].Port}/");

    /// <summary>The Prometheus pages (/metrics) of the gateway and every service, read directly.</summary>
    public async Task<IReadOnlyList<string>> MetricsPagesAsync()
    {
        var pages = new List<string>();
        foreach (var address in new[] { Gateway }.Concat(Services.Select(ServiceAddress)))
        {
            using var direct = new HttpClient { BaseAddress = address };
            pages.Add(await direct.GetStringAsync("metrics"));
        }
        return pages;
    }

    /// <summary>Ends a service abruptly (kill -9 of its process tree).</summary>
    public async Task KillAsync(string name)
    {
        var process = _processes[name];
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Starts a killed service again on the same port, data and settings.</summary>
    public void Restart(string name)
    {
        var (project, port, environment) = _starts[name];
        Start(name, project, port, environment);
    }

    public async Task InitializeAsync()
    {
        // xunit does not dispose a fixture whose start failed: end what was started, or its processes outlive the run.
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        if (BrokerCluster)
        {
            _cluster = await RabbitMqCluster.StartAsync();
            _broker = _cluster.Nodes[0];
        }
        else
            _broker = await RabbitMqBroker.StartNewAsync();
        _telemetry = await OtlpReceiver.StartAsync();
        _data = TestEnvironment.NewDataFolder("platform");
        var common = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Auth__DevSigningKey"] = TestTokens.SigningKey,
            ["Auth__PatientSigningKey"] = TestTokens.PatientSigningKey,
            ["Messaging__BrokerUrl"] = _broker.AmqpUrl(),
            ["Storage__DataDirectory"] = Path.Combine(_data, "db"),
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in _telemetry.EnvironmentFor())
            common[key] = value;
        if (_cluster is not null)
        {
            common["Messaging__QueueType"] = "Quorum";
            foreach (var (node, i) in _cluster.OtherNodeAddresses.Select((n, i) => (n, i)))
                common[$"Messaging__ClusterNodes__{i}"] = node;
        }
        var destinations = new Dictionary<string, string>();
        foreach (var service in Services)
        {
            var environment = new Dictionary<string, string>(common);
            if (Postgres is not null)
                environment[$"ConnectionStrings__{service}"] = _databases[service] = await Postgres.CreateDatabaseAsync(service);
            foreach (var (replica, i) in ReplicaNames(service, Replicas).Select((r, i) => (r, i)))
            {
                var port = TestEnvironment.FreeHttpPort();
                destinations[$"{service}__Destinations__{(i == 0 ? "primary" : "replica" + (i + 1))}"] = $"http://127.0.0.1:{port}/";
                Start(replica, ServiceDefaults.PlatformServices.All.Single(s => s.Name == service).Project, port, environment);
            }
        }
        var gatewayPort = TestEnvironment.FreeHttpPort();
        var gatewaySettings = new Dictionary<string, string>(common)
        {
            ["Gateway__DevTokensEnabled"] = "true",
            ["Gateway__Ops__BrokerManagementUrl"] = $"http://127.0.0.1:{_broker.ManagementPort}/",
        };
        if (WithPortal)
        {
            var portalPort = TestEnvironment.FreeHttpPort();
            Start("portal", "gateway/Portal", portalPort, new Dictionary<string, string>(common)
            {
                ["Portal__GatewayUrl"] = $"http://127.0.0.1:{gatewayPort}/",
                ["Portal__DataProtectionKeysPath"] = Path.Combine(_data, "portal-keys"),
            });
            gatewaySettings["Gateway__PortalUrl"] = $"http://127.0.0.1:{portalPort}/";
        }
        foreach (var (key, value) in GatewaySettings)
            gatewaySettings[key] = value;
        foreach (var (destination, address) in destinations)
            gatewaySettings[$"ReverseProxy__Clusters__{destination}__Address"] = address;
        // Probe readiness often, so that a killed replica leaves the rotation within seconds.
        foreach (var service in Services)
            gatewaySettings[$"ReverseProxy__Clusters__{service}__HealthCheck__Active__Interval"] = "00:00:02";
        Start("gateway", "gateway/Gateway", gatewayPort, gatewaySettings);
        Gateway = new Uri($"http://127.0.0.1:{gatewayPort}/");

        using var client = new HttpClient { BaseAddress = Gateway };
        string? health = null;
        try
        {
            await Eventually.MatchAsync(async () =>
            {
                try
                {
                    using var response = await client.GetAsync("health");
                    health = await response.Content.ReadAsStringAsync();
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException) { return false; }
            }, ready => ready, TimeSpan.FromSeconds(90), "every service ready behind the gateway");
        }
        catch (TimeoutException ex)
        {
            // What an ended process said last is what explains it; otherwise the platform's last lines.
            var exited = _processes.Where(p => p.Value.HasExited).Select(p => p.Key).ToList();
            var lines = exited.Count > 0
                ? exited.SelectMany(name => Output.Where(line => line.StartsWith($"[{name}] ", StringComparison.Ordinal)).TakeLast(25))
                : Output.TakeLast(40);
            throw new TimeoutException($"{ex.Message}. Health: {health}. Ended: {string.Join(", ", exited.Select(p => $"{p} (exit {_processes[p].ExitCode})"))}. " +
                $"Last output:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}", ex);
        }

        using var admin = await ClientAsync("chain-admin");
        foreach (var (id, name) in new[] { (ServiceDefaults.Auth.DemoUsers.NorthClinic, "North"), (ServiceDefaults.Auth.DemoUsers.SouthClinic, "South") })
            (await admin.PostAsJsonAsync("api/intake/clinics", new { id, name, region = "Test", timeZone = "Europe/Amsterdam" })).EnsureSuccessStatusCode();
    }

    /// <summary>The built assembly of an app project (relative to the repository), in the configuration the tests were built in.</summary>
    public static string AppAssembly(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        return Path.Combine(TestEnvironment.RepositoryRoot, project, "bin", configuration, "net10.0", Path.GetFileName(project) + ".dll");
    }

    private void Start(string name, string project, int port, IReadOnlyDictionary<string, string> environment)
    {
        _starts[name] = (project, port, environment);
        var folder = Path.Combine(TestEnvironment.RepositoryRoot, project);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(AppAssembly(project));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + name);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue($"[{name}] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Output.Enqueue($"[{name}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[name] = process;
    }

    public async Task<HttpClient> ClientAsync(string demoUser)
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway };
        var minted = await anonymous.PostAsync($"dev/tokens/{demoUser}", null);
        minted.EnsureSuccessStatusCode();
        return ClientWithToken((await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
    }

    /// <summary>A client for the gateway that sends <paramref name="token"/> (a demo user's, or a patient's from an invitation).</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes.Values)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
        _processes.Clear();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        else if (_broker is not null)
            await _broker.DisposeAsync();
        if (_telemetry is not null)
            await _telemetry.DisposeAsync();
        foreach (var database in _databases.Values)
            await Postgres!.DropDatabaseAsync(database);
        _databases.Clear();
        if (_data is not null)
            TestEnvironment.DeleteDataFolder(_data);
    }
}
