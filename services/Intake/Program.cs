var builder = WebApplication.CreateBuilder(args);
builder.AddIntakeServices();

var app = builder.Build();
app.MapIntakeEndpoints();
app.Run();
