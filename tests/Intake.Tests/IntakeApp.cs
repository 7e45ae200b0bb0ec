using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RehabPlatform.Clinical;
using RehabPlatform.Contracts.Intake;
using RehabPlatform.Intake.Data;

namespace RehabPlatform.Intake.Tests;

/// <summary>The Intake service under test with the demo chain's North and South clinics opened.</summary>
public sealed class IntakeApp : IAsyncDisposable
{
    private readonly ServiceUnderTest<IntakeMarker, IntakeDbContext> _service;

    private IntakeApp(ServiceUnderTest<IntakeMarker, IntakeDbContext> service) => _service = service;

    public ServiceHost<IntakeMarker> Host => _service.Host;

    public EventRecorder Events => _service.Events;

    public static async Task<IntakeApp> StartAsync(DatabaseProvider provider, Action<IServiceCollection>? configureServices = null)
    {
        var service = await ServiceUnderTest<IntakeMarker, IntakeDbContext>.StartAsync("intake", provider,
            [typeof(ClinicOpened), typeof(PatientRegistered), typeof(IntakeCompleted), typeof(PatientReferredOut), typeof(ReferralActedOn), typeof(ConsentChanged), typeof(PatientTransferred)],
            configureServices);
        var app = new IntakeApp(service);
        using var admin = app.Client("chain-admin");
        foreach (var (id, name) in new[] { (DemoUsers.NorthClinic, "North"), (DemoUsers.SouthClinic, "South") })
        {
            var response = await admin.PostAsJsonAsync("api/intake/clinics", new { id, name, region = "Test", timeZone = "Europe/Amsterdam" });
            response.EnsureSuccessStatusCode();
        }
        return app;
    }

    public HttpClient Client(string demoUser) => _service.Client(demoUser);

    /// <summary>The patient's consent to treatment, which an intake needs.</summary>
    public static async Task ConsentToTreatmentAsync(HttpClient client, Guid patientId) =>
        Assert.Equal(System.Net.HttpStatusCode.Created,
            (await client.PostAsJsonAsync($"api/intake/patients/{patientId}/consents", new { scope = "treatment", granted = true, version = "2026-01" })).StatusCode);

    public HttpClient Client(string userId, string role, params Guid[] clinics) => _service.Client(userId, role, clinics);

    public Task<T> QueryAsync<T>(Func<IntakeDbContext, Task<T>> query) => _service.QueryAsync(query);

    public Task<int> CountAsync<TEntity>() where TEntity : class => _service.CountAsync<TEntity>();

    public static object NewPatient(Guid clinicId, string given = "Ada", string family = "Lovelace", string birthDate = "1990-04-12", string? email = null) => new
    {
        clinicId,
        givenName = given,
        familyName = family,
        birthDate,
        sex = "female",
        email = email ?? $"{given}.{family}.{Guid.NewGuid():N}@example.org".ToLowerInvariant(),
        phone = "+31 6 1234 5678",
        preferredLanguage = "en",
        externalRecordNumber = "EXT-" + Random.Shared.Next(10000, 99999),
    };

    public async Task<Guid> RegisterAsync(HttpClient client, object patient)
    {
        var response = await client.PostAsJsonAsync("api/intake/patients", patient);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A complete intake with the best AKPS answers and no red flag; <paramref name="redFlag"/> sets one checklist item.</summary>
    public static Dictionary<string, object?> NewIntake(string? redFlag = null, Func<AkpsItemDefinition, AkpsOption>? akpsAnswer = null)
    {
        var flags = typeof(RedFlagChecklist).GetProperties()
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => (object?)(p.Name == redFlag));
        return new Dictionary<string, object?>
        {
            ["akps"] = Akps.Items.ToDictionary(i => i.Code, i => (akpsAnswer ?? (d => d.Options[1]))(i).Code),
            ["nprs"] = new { now = 3, worstLastWeek = 6, whileRunning = 5 },
            ["affectedSide"] = "left",
            ["symptomDurationWeeks"] = 10,
            ["running"] = new { isRunner = true, weeklyDistanceKm = 30.5, yearsRunning = 6, recentLoadChange = true, goalType = "half-marathon", goalDate = "2027-04-11" },
            ["redFlags"] = flags,
        };
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
