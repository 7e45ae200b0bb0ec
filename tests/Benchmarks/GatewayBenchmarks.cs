using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.SystemTests;

namespace RehabPlatform.Benchmarks;

/// <summary>
/// What the gateway adds to a request: the same authenticated reads sent straight to Intake (baseline) and
/// through the gateway (token validation, rate limiting, body limits, YARP forwarding), against the platform
/// as real processes on loopback, as deploy/run.sh starts it. Each read is audited by Intake in both cases.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class GatewayBenchmarks
{
    private Platform _platform = null!;
    private HttpClient _viaGateway = null!;
    private HttpClient _direct = null!;
    private string _patientPath = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _platform = new Platform();
        // The benchmark is one caller sending as fast as it can; the default limit would turn it into 429s.
        _platform.GatewaySettings["Gateway__RateLimitPermits"] = "1000000";
        await _platform.InitializeAsync();
        _viaGateway = await _platform.ClientAsync("therapist-north");
        _direct = new HttpClient { BaseAddress = _platform.ServiceAddress("intake") };
        _direct.DefaultRequestHeaders.Authorization = _viaGateway.DefaultRequestHeaders.Authorization;
        var created = await _viaGateway.PostAsJsonAsync("api/intake/patients", new
        {
            clinicId = DemoUsers.NorthClinic, givenName = "Bench", familyName = "Mark", birthDate = "1990-01-01", sex = "female", preferredLanguage = "en",
        });
        created.EnsureSuccessStatusCode();
        _patientPath = $"api/intake/patients/{(await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}";
    }

    [Benchmark(Baseline = true, Description = "GET patient, straight to Intake")]
    public Task<string> Direct() => ReadAsync(_direct);

    [Benchmark(Description = "GET patient, through the gateway")]
    public Task<string> ThroughGateway() => ReadAsync(_viaGateway);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _direct.Dispose();
        _viaGateway.Dispose();
        await _platform.DisposeAsync();
    }

    // A failed request must never be measured as a fast one.
    private async Task<string> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(_patientPath);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
