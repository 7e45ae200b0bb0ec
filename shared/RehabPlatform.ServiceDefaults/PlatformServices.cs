namespace RehabPlatform.ServiceDefaults;

/// <param name="Name">The service's name: its cluster at the gateway, its Prometheus job, its queue prefix, its database.</param>
/// <param name="Project">Where its project lives in the repository.</param>
/// <param name="LocalPort">Its port on 127.0.0.1 under the run command.</param>
/// <param name="RoutePrefix">The path under which the gateway forwards to it.</param>
public sealed record PlatformService(string Name, string Project, int LocalPort, string RoutePrefix);

/// <summary>
/// The one list of the platform's services. The test platform and the ops dashboard derive from it; the gateway's
/// routes and destinations, the run command's ports and the Prometheus scrape files are checked against it by
/// Gateway.Tests, so a service added, renamed or moved in one place and not the others fails a test.
/// </summary>
public static class PlatformServices
{
    public const int GatewayLocalPort = 5100;

    public static readonly IReadOnlyList<PlatformService> All =
    [
        new("intake", "services/Intake", 5101, "/api/intake"),
        new("programs", "services/Programs", 5102, "/api/programs"),
        new("sessions", "services/Sessions", 5103, "/api/sessions"),
        new("form", "services/Form", 5104, "/api/form"),
    ];
}
