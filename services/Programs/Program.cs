var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ProgramsExtensions.ServiceName);
builder.AddProgramsServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapProgramsEndpoints();
app.Run();

namespace RehabPlatform.Programs
{
    /// <summary>Marker for WebApplicationFactory: several web apps share one test project.</summary>
    public sealed class ProgramsMarker;
}
