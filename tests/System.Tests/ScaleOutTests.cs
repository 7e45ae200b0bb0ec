using Xunit.Abstractions;

namespace RehabPlatform.SystemTests;

/// <summary>
/// The platform as a chain that has grown runs it, under a steady load of onboardings, sessions and program changes,
/// each test ended by a reconciliation of what the gateway accepted against every database.
/// </summary>
public sealed class ReplicaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Platform _platform = null!;

    public async Task InitializeAsync()
    {
        _platform = new Platform
        {
            Replicas = 2,
            Postgres = await SharedServers.PostgresAsync(),
            // Two clients of one therapist sending at once: the per-caller limit is not what this test is about.
            GatewaySettings = { ["Gateway__RateLimitPermits"] = "100000" },
        };
        await _platform.InitializeAsync();
    }

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task Two_replicas_of_every_service_on_PostgreSQL_lose_and_duplicate_nothing_when_one_of_each_is_killed_in_turn()
    {
        var load = new OnboardingLoad(_platform, output) { Workers = 2, WithProgramChanges = true };
        var killed = new List<string>();
        await load.RunAsync(TimeSpan.FromSeconds(70), async () =>
        {
            foreach (var (service, i) in new[] { "intake", "programs", "sessions", "form" }.Select((s, i) => (s, i)))
            {
                // The first replica of some services, the second of others: neither is special.
                var replica = Platform.ReplicaNames(service, 2).ElementAt(i % 2);
                await Task.Delay(TimeSpan.FromSeconds(6));
                await _platform.KillAsync(replica);
                killed.Add(replica);
                await Task.Delay(TimeSpan.FromSeconds(6));
                _platform.Restart(replica);
            }
        });

        await load.ReconcileAsync($"killing (-9) and restarting {string.Join(", ", killed)} in turn, two replicas each on PostgreSQL");
    }
}

public sealed class BrokerClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string IntakeQueue = "programs-intake-completed";
    private readonly Platform _platform = new() { BrokerCluster = true };

    public Task InitializeAsync() => _platform.InitializeAsync();

    public Task DisposeAsync() => _platform.DisposeAsync();

    [Fact]
    public async Task A_cluster_node_killed_under_load_and_brought_back_loses_nothing_applies_nothing_twice_and_the_services_reconnect_by_themselves()
    {
        var (type, members) = await _platform.Cluster.Nodes[1].QueueTypeAsync("/", IntakeQueue);
        Assert.Equal("quorum", type);
        Assert.Equal(3, members);

        // The seed node: the first every service connects to, so all of them lose their connection.
        var seed = _platform.Cluster.Nodes[0];
        var load = new OnboardingLoad(_platform, output) { WithProgramChanges = true };
        await load.RunAsync(TimeSpan.FromSeconds(45), async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
            await seed.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(15));
            await seed.StartAsync();
        });

        await load.ReconcileAsync($"killing (-9) one of three RabbitMQ nodes for 15 s ({IntakeQueue}: {type} queue on {members} nodes)");
        using var anonymous = new HttpClient { BaseAddress = _platform.Gateway };
        var health = await Eventually.MatchAsync(async () => (await anonymous.GetAsync("health")).StatusCode,
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "every service ready again");
        Assert.Equal(HttpStatusCode.OK, health);
    }
}
