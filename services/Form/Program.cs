var builder = WebApplication.CreateBuilder(args);
builder.AddFormServices();

var app = builder.Build();
app.MapFormEndpoints();
app.Run();
