using Yarp.ReverseProxy.Configuration;

namespace RehabPlatform.Gateway;

/// <summary>
/// The staff portal behind the gateway, on explicit paths only (no catch-all): its pages, its sign-in endpoints and
/// its static assets. The portal signs users in itself (cookie, OIDC), so these routes are anonymous here; every API
/// call it makes comes back through the /api routes with the user's token.
/// </summary>
public static class PortalRoutes
{
    public const string ClusterId = "portal";

    private static readonly string[] Paths =
    [
        "/", "/signin", "/clinic", "/denied", "/error", "/not-found", "/worklist", "/patients", "/patients/{**rest}",
        "/ops", "/outcomes", "/audit", "/my", "/my/{**rest}", "/exercises", "/exercises/{**rest}", "/templates", "/templates/{**rest}",
        "/account/{**rest}", "/signin-oidc", "/signout-callback-oidc", "/_framework/{**rest}", "/_content/{**rest}", "/css/{**rest}", "/js/{**rest}",
    ];

    /// <summary>The running-form page, which takes keypoint files: its own route, so that it alone gets the larger body limit.</summary>
    public const string CaptureUploadRouteId = "portal-capture-upload";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        .. Paths.Select((path, index) => Route($"portal-{index}", path)),
        Route(CaptureUploadRouteId, "/patients/{patientId}/form"),
    ];

    private static RouteConfig Route(string id, string path) => new()
    {
        RouteId = id,
        ClusterId = ClusterId,
        AuthorizationPolicy = "anonymous",
        Match = new RouteMatch { Path = path },
    };

    public static ClusterConfig Cluster(Uri portal) => new()
    {
        ClusterId = ClusterId,
        HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(60) },
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = portal.ToString() } },
    };
}
