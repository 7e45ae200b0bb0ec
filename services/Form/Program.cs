var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(FormExtensions.ServiceName);
builder.AddFormServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapFormEndpoints();
app.Run();

namespace RehabPlatform.Form
{
    /// <summary>Marker for WebApplicationFactory: several web apps share one test project.</summary>
    public sealed class FormMarker;
}
