using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RehabPlatform.Messaging.Outbox;
using RehabPlatform.ServiceDefaults;
using RehabPlatform.ServiceDefaults.Data;

namespace RehabPlatform.Messaging.Tests.Probe;

public enum ProbeRole { Producer, Consumer, Counter }

public sealed record CreateNote(string Label);

/// <summary>
/// A minimal service built exactly like the real ones (ServiceDefaults, service database, messaging) on a real
/// port: a producer that stores notes with their event, or a consumer that records effects.
/// </summary>
public sealed class ProbeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProbeHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ProbeHost> StartAsync(ProbeRole role, string serviceName, string brokerUrl, string connectionString, bool relayEnabled = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["ConnectionStrings:probe"] = connectionString,
            ["Messaging:BrokerUrl"] = brokerUrl,
            ["Messaging:RetryIntervalsMs:0"] = "0",
            ["Messaging:RetryIntervalsMs:1"] = "0",
            ["Messaging:RetryIntervalsMs:2"] = "50",
            ["Messaging:RetryIntervalsMs:3"] = "100",
            ["Messaging:WaitUntilStarted"] = "true",
            ["Messaging:Outbox:RelayEnabled"] = relayEnabled.ToString(),
            ["Messaging:Outbox:PollInterval"] = "00:00:02",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:02",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        builder.AddServiceDefaults(serviceName);
        builder.AddServiceDatabase<ProbeDbContext, ProbeSqliteDbContext, ProbePostgresDbContext>("probe");
        builder.AddRehabMessaging<ProbeDbContext>(serviceName, bus =>
        {
            if (role == ProbeRole.Consumer)
                bus.AddConsumer<NoteEffectConsumer>();
            if (role == ProbeRole.Counter)
                bus.AddConsumer<CountingConsumer>();
        }, typeof(NoteCreated).Assembly);
        builder.Services.AddSingleton<DeliveryCounter>();
        builder.Services.AddSingleton<FixableDefect>();

        var app = builder.Build();
        app.UseServiceDefaults();
        app.MapPost("/notes", async (CreateNote request, ProbeDbContext db) =>
        {
            var note = new Note { Id = Guid.NewGuid(), Label = request.Label };
            db.Notes.Add(note);
            db.AddEvent(new NoteCreated { NoteId = note.Id, Label = note.Label, OccurredAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return TypedResults.Created($"/notes/{note.Id}", note);
        }).AllowAnonymous();

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Database.EnsureCreatedAsync();

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ProbeHost(app, new Uri(address + "/"));
    }

    public async Task<T> WithDbAsync<T>(Func<ProbeDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProbeDbContext>());
    }

    public Task<int> EffectCountAsync() => WithDbAsync(db => db.Effects.CountAsync());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
