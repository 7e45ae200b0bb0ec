var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(SessionsExtensions.ServiceName);
builder.AddSessionsServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapSessionsEndpoints();
app.Run();

namespace RehabPlatform.Sessions
{
    /// <summary>Marker for WebApplicationFactory: several web apps share one test project.</summary>
    public sealed class SessionsMarker;
}
