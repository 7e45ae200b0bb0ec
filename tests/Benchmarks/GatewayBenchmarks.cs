using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.Testing;

namespace RehabPlatform.Benchmarks;

/// <summary>
/// What the gateway adds to a request: the same authenticated reads sent straight to Intake (baseline) and
/// through the gateway (token validation, rate limiting, body limits, YARP forwarding), on the platform as real
/// processes on loopback, as deploy/run.sh starts it. Two reads: the clinic list (little work in Intake, so the
/// gateway's share shows) and a patient (audited, so a SQLite write per read: what a clinic actually does).
/// In process, one platform for all four, so both sides of a ratio hit the same processes and databases.
/// </summary>
[Config(typeof(InProcessConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GatewayBenchmarks
{
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(20));
    }

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static Platform? _platform;
    private static HttpClient _viaGateway = null!;
    private static HttpClient _direct = null!;
    private static string _patientPath = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        await Starting.WaitAsync();
        try
        {
            if (_platform is not null)
                return;
            var platform = new Platform();
            // The benchmark is one caller sending as fast as it can; the default limit would turn it into 429s.
            platform.GatewaySettings["Gateway__RateLimitPermits"] = "1000000";
            await platform.InitializeAsync();
            // The platform is shared by every benchmark of the class, so it is stopped with the process.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => platform.DisposeAsync().GetAwaiter().GetResult();
            _viaGateway = await platform.ClientAsync("therapist-north");
            _direct = new HttpClient { BaseAddress = platform.ServiceAddress("intake") };
            _direct.DefaultRequestHeaders.Authorization = _viaGateway.DefaultRequestHeaders.Authorization;
            var created = await _viaGateway.PostAsJsonAsync("api/intake/patients", new
            {
                clinicId = DemoUsers.NorthClinic, givenName = "Bench", familyName = "Mark", birthDate = "1990-01-01", sex = "female", preferredLanguage = "en",
            });
            created.EnsureSuccessStatusCode();
            _patientPath = $"api/intake/patients/{(await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}";
            // Freshly started processes are still compiling their hot paths (tiered JIT); whichever benchmark ran
            // first would pay for it. Every path is warmed the same way before any is measured.
            for (var i = 0; i < 1000; i++)
                foreach (var client in new[] { _direct, _viaGateway })
                    foreach (var path in new[] { "api/intake/clinics", _patientPath })
                        await ReadAsync(client, path);
            _platform = platform;
        }
        finally
        {
            Starting.Release();
        }
    }

    [Benchmark(Baseline = true, Description = "GET clinics, straight to Intake"), BenchmarkCategory("clinic list")]
    public Task<string> ClinicsDirect() => ReadAsync(_direct, "api/intake/clinics");

    [Benchmark(Description = "GET clinics, through the gateway"), BenchmarkCategory("clinic list")]
    public Task<string> ClinicsThroughGateway() => ReadAsync(_viaGateway, "api/intake/clinics");

    [Benchmark(Baseline = true, Description = "GET patient (audited), straight to Intake"), BenchmarkCategory("patient")]
    public Task<string> PatientDirect() => ReadAsync(_direct, _patientPath);

    [Benchmark(Description = "GET patient (audited), through the gateway"), BenchmarkCategory("patient")]
    public Task<string> PatientThroughGateway() => ReadAsync(_viaGateway, _patientPath);

    // A failed request must never be measured as a fast one.
    private static async Task<string> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
