// A local-first to-do list in the browser: the data lives in IndexedDB, tabs of this origin sync
// over a BroadcastChannel with no server, and a WebSocket room syncs it with every other client
// (other browsers, .NET apps on SQLite) whenever the server can be reached.
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using TodoWeb;
using TodoWeb.Sync;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.Services.AddSingleton<TodoSync>();
await builder.Build().RunAsync();
