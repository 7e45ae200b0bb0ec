var builder = WebApplication.CreateBuilder(args);
builder.AddProgramsServices();

var app = builder.Build();
app.MapProgramsEndpoints();
app.Run();
