var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(IntakeExtensions.ServiceName);
builder.AddIntakeServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapIntakeEndpoints();
app.Run();

namespace RehabPlatform.Intake
{
    /// <summary>Marker for WebApplicationFactory: several web apps share one test project.</summary>
    public sealed class IntakeMarker;
}
