using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RehabPlatform.Clinical;
using RehabPlatform.Contracts.Intake;
using RehabPlatform.Intake.Data;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.Testing;

namespace RehabPlatform.Intake.Tests;

public enum Provider { Sqlite, Postgres }

/// <summary>
/// The Intake service on a real port with its own database (SQLite file or PostgreSQL database) and its own
/// virtual host on a real broker, the demo clinics opened, and a recorder of what it publishes.
/// </summary>
public sealed class IntakeApp : IAsyncDisposable
{
    private readonly RabbitMqBroker _broker;
    private readonly string _vhost;
    private readonly string? _postgresDatabase;
    private readonly string? _folder;

    private IntakeApp(ServiceHost<IntakeMarker> host, EventRecorder events, RabbitMqBroker broker, string vhost, string? postgresDatabase, string? folder)
    {
        Host = host;
        Events = events;
        _broker = broker;
        _vhost = vhost;
        _postgresDatabase = postgresDatabase;
        _folder = folder;
    }

    public ServiceHost<IntakeMarker> Host { get; }

    public EventRecorder Events { get; }

    public string BrokerUrl => _broker.AmqpUrl(_vhost);

    public static async Task<IntakeApp> StartAsync(Provider provider, Action<IServiceCollection>? configureServices = null)
    {
        var broker = await SharedServers.BrokerAsync();
        var vhost = await broker.CreateVirtualHostAsync("intake");
        string connectionString;
        string? postgresDatabase = null, folder = null;
        if (provider == Provider.Postgres)
            connectionString = postgresDatabase = await (await SharedServers.PostgresAsync()).CreateDatabaseAsync("intake");
        else
        {
            folder = TestEnvironment.NewDataFolder("intake");
            connectionString = $"Data Source={Path.Combine(folder, "intake.db")}";
        }

        var events = await EventRecorder.StartAsync(broker.AmqpUrl(vhost),
            typeof(ClinicOpened), typeof(PatientRegistered), typeof(IntakeCompleted), typeof(PatientReferredOut), typeof(ConsentChanged), typeof(PatientTransferred));
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["ConnectionStrings:intake"] = connectionString,
            ["Messaging:BrokerUrl"] = broker.AmqpUrl(vhost),
            ["Messaging:WaitUntilStarted"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var host = ServiceHost<IntakeMarker>.Start(settings, configureServices: configureServices);
        var app = new IntakeApp(host, events, broker, vhost, postgresDatabase, folder);

        using var admin = app.Client("chain-admin");
        foreach (var (id, name) in new[] { (DemoUsers.NorthClinic, "North"), (DemoUsers.SouthClinic, "South") })
        {
            var response = await admin.PostAsJsonAsync("api/intake/clinics", new { id, name, region = "Test", timeZone = "Europe/Amsterdam" });
            response.EnsureSuccessStatusCode();
        }
        return app;
    }

    public HttpClient Client(string demoUser) => Host.CreateClient(TestTokens.For(demoUser));

    public async Task<T> QueryAsync<T>(Func<IntakeDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IntakeDbContext>());
    }

    public Task<int> CountAsync<TEntity>() where TEntity : class => QueryAsync(db => db.Set<TEntity>().CountAsync());

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

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Events.DisposeAsync();
        await _broker.DeleteVirtualHostAsync(_vhost);
        if (_postgresDatabase is not null)
            await (await SharedServers.PostgresAsync()).DropDatabaseAsync(_postgresDatabase);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null)
        {
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { }
        }
    }
}
