var builder = WebApplication.CreateBuilder(args);
builder.AddSessionsServices();

var app = builder.Build();
app.MapSessionsEndpoints();
app.Run();
