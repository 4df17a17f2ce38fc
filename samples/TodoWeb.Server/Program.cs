// Serves the TodoWeb app and, on the same port, the room broker its tabs sync through:
//   dotnet run --project samples/TodoWeb.Server      then open http://127.0.0.1:5080
// Any other Synclets client joins the same room at ws://127.0.0.1:5080/sync/todos.
using Synclets.WebSockets.Server;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5080");

// Serve the app's files from the build in any environment (`dotnet run` from a clone); a published
// copy has them in its wwwroot, and this then does nothing.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddSyncletServer();

var app = builder.Build();
app.UseWebSockets();
app.MapSyncletServer("/sync/{**room}");
app.MapStaticAssets();
app.MapFallbackToFile("index.html");
app.Run();
