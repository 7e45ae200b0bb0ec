using System.Text.RegularExpressions;
using RehabPlatform.ServiceDefaults;

namespace RehabPlatform.Gateway.Tests;

/// <summary>Every hand-kept copy of the list of services agrees with <see cref="PlatformServices"/>.</summary>
public sealed partial class PlatformServicesTests
{
    private static string Read(string path) => File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, path));

    [Fact]
    public void The_gateway_routes_each_services_prefix_to_its_cluster_at_its_local_port()
    {
        using var settings = JsonDocument.Parse(Read("gateway/Gateway/appsettings.json"));
        var proxy = settings.RootElement.GetProperty("ReverseProxy");
        var clusters = proxy.GetProperty("Clusters").EnumerateObject().ToDictionary(c => c.Name,
            c => c.Value.GetProperty("Destinations").GetProperty("primary").GetProperty("Address").GetString());
        var routes = proxy.GetProperty("Routes").EnumerateObject()
            .Select(r => (Cluster: r.Value.GetProperty("ClusterId").GetString()!, Path: r.Value.GetProperty("Match").GetProperty("Path").GetString()!)).ToList();

        Assert.Equal(PlatformServices.All.Select(s => s.Name).Order(), clusters.Keys.Order());
        foreach (var service in PlatformServices.All)
        {
            Assert.Equal($"http://127.0.0.1:{service.LocalPort}/", clusters[service.Name]);
            Assert.Contains((service.Name, service.RoutePrefix + "/{**rest}"), routes);
        }
        Assert.All(routes, r => Assert.StartsWith(PlatformServices.All.Single(s => s.Name == r.Cluster).RoutePrefix + "/", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void The_run_command_starts_every_service_at_its_port_and_project()
    {
        var started = StartApp().Matches(Read("deploy/run.sh")).Select(m => (m.Groups["name"].Value, m.Groups["project"].Value, m.Groups["port"].Value)).ToList();

        Assert.Equal(PlatformServices.All.Select(s => (s.Name, s.Project, s.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture))), started);
        Assert.Contains($"REHAB_GATEWAY_PORT:-{PlatformServices.GatewayLocalPort}", Read("deploy/run.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_scrapes_every_service_under_its_name_locally_and_in_compose()
    {
        var local = Jobs().Matches(Read("deploy/grafana/prometheus.yml")).ToDictionary(m => m.Groups["job"].Value, m => m.Groups["target"].Value);
        var compose = Jobs().Matches(Read("deploy/docker/prometheus.yml")).ToDictionary(m => m.Groups["job"].Value, m => m.Groups["target"].Value);

        foreach (var service in PlatformServices.All)
        {
            Assert.Equal($"127.0.0.1:{service.LocalPort}", local[service.Name]);
            Assert.Equal($"{service.Name}:8080", compose[service.Name]);
        }
        Assert.Equal($"127.0.0.1:{PlatformServices.GatewayLocalPort}", local["gateway"]);
    }

    [GeneratedRegex(@"^start_app (?<name>[a-z]+) (?<project>services/[A-Za-z]+) (?<port>[0-9]+)$", RegexOptions.Multiline)]
    private static partial Regex StartApp();

    [GeneratedRegex(@"job_name: (?<job>[a-z]+)\s+static_configs: \[\{ targets: \[""(?<target>[^""]+)""\] \}\]")]
    private static partial Regex Jobs();
}
