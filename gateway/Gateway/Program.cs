using RehabPlatform.Gateway;
using RehabPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddGateway();

var app = builder.Build();
app.UseServiceDefaults(beforeAuthorization: pipeline => pipeline.UseRateLimiter());
app.MapGateway();
app.Run();

namespace RehabPlatform.Gateway
{
    /// <summary>Marker for WebApplicationFactory: several web apps share one test project.</summary>
    public sealed class GatewayMarker;
}
