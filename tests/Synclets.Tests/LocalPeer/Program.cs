// A process on a local channel for the LocalTransport tests, driven over standard input:
//   relay CHANNEL      join CHANNEL with a synclet that holds nothing (it can be the hub for others)
//   peer CHANNEL NAME  join CHANNEL with a memory synclet (depth 2) that writes into table NAME
//   write N            write N atoms now            traffic   keep writing until "quiet"
//   quiet              stop writing                 written   how many atoms this one wrote
//   count TABLE        rows in TABLE                digest    a fingerprint of the whole tree
//   role               the peer's role              stats     what its synclet and transport dropped
//   leaves             every address it holds
// Each command is answered by one line "ok ..." (or "error ..."); "event role ROLE" lines come
// whenever a transport's role changes. With LOCALPEER_LOG=PATH set, each process logs its synclet
// (debug and up) to PATH.PID, for a failure that needs the story of each peer.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Synclets;
using Synclets.Connectors.Memory;
using Synclets.Transports.Local;
using Synclets.Wire;

var options = new LocalTransportOptions
{
    Directory = args[0],
    WireFormat = args[1] == "json" ? WireFormat.Json : WireFormat.MessagePack,
};
var synclets = new List<Synclet>();
Synclet? peer = null;
LocalTransport? peerTransport = null;
string table = "";
var written = 0;
CancellationTokenSource? traffic = null;
Task writing = Task.CompletedTask;
var output = new Lock();

void Say(string line)
{
    lock (output)
    {
        Console.WriteLine(line);
        Console.Out.Flush();
    }
}

async Task<LocalTransport> JoinAsync(string channel, bool holdsData)
{
    var transport = new LocalTransport(channel, options);
    transport.RoleChanged += (_, role) => Say($"event role {role.ToString().ToLowerInvariant()}");
    var logFile = Environment.GetEnvironmentVariable("LOCALPEER_LOG");
    var syncletOptions = logFile is null ? null : new SyncletOptions { Logger = new FileLog($"{logFile}.{Environment.ProcessId}") };
    var synclet = holdsData
        ? await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), transport), options: syncletOptions)
        : await Synclet.CreateAsync(new SyncletComponents(null, null, transport), options: syncletOptions);
    await synclet.StartAsync();
    synclets.Add(synclet);
    if (holdsData)
    {
        peer = synclet;
    }

    return transport;
}

Task WriteAsync() => peer!.SetAtomAsync(new Address(table, "r" + written.ToString(CultureInfo.InvariantCulture)), Interlocked.Increment(ref written));

async Task<string> DigestAsync()
{
    var data = await peer!.GetDataAsync();
    var lines = data.Leaves().Select(leaf => $"{leaf.Key}={leaf.Value}").Order(StringComparer.Ordinal);
    return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16];
}

while (Console.ReadLine() is { } line)
{
    var words = line.Split(' ');
    try
    {
        switch (words[0])
        {
            case "relay":
                var relay = await JoinAsync(words[1], holdsData: false);
                Say($"ok {relay.Role.ToString().ToLowerInvariant()}");
                break;
            case "peer":
                table = words[2];
                peerTransport = await JoinAsync(words[1], holdsData: true);
                Say($"ok {peerTransport.Role.ToString().ToLowerInvariant()}");
                break;
            case "role":
                Say($"ok {peerTransport!.Role.ToString().ToLowerInvariant()}");
                break;
            case "write":
                for (var i = int.Parse(words[1], CultureInfo.InvariantCulture); i > 0; i--)
                {
                    await WriteAsync();
                }

                Say($"ok {written}");
                break;
            case "traffic":
                traffic = new CancellationTokenSource();
                var token = traffic.Token;
                writing = Task.Run(async () =>
                {
                    while (!token.IsCancellationRequested)
                    {
                        await WriteAsync();
                    }
                });
                Say("ok");
                break;
            case "quiet":
                traffic?.Cancel();
                await writing;
                Say($"ok {written}");
                break;
            case "written":
                Say($"ok {Volatile.Read(ref written)}");
                break;
            case "count":
                var data = await peer!.GetDataAsync();
                Say($"ok {(data.TryGetValue(words[1], out var rows) ? rows.Count : 0)}");
                break;
            case "stats":
                var statistics = peer!.Statistics;
                var transportStatistics = peerTransport!.Statistics;
                Say($"ok overflowed {statistics.MessagesOverflowed} rejected {statistics.MessagesRejected} answers-cut {statistics.AnswersCut} repeated {statistics.RequestsRepeated} "
                    + $"packets-dropped {transportStatistics.PacketsDropped} messages-dropped {transportStatistics.MessagesDropped} sent {transportStatistics.MessagesSent} received {transportStatistics.MessagesReceived}");
                break;
            case "leaves":
                var all = await peer!.GetDataAsync();
                Say($"ok {string.Join(' ', all.Leaves().Select(leaf => leaf.Key.ToString()).Order(StringComparer.Ordinal))}");
                break;
            case "digest":
                Say($"ok {await DigestAsync()}");
                break;
            default:
                Say($"error unknown command {words[0]}");
                break;
        }
    }
    catch (Exception exception)
    {
        Say($"error {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}");
    }
}

foreach (var synclet in synclets)
{
    await synclet.DisposeAsync();
}

/// <summary>Appends every log line to one file: enough to follow a peer through a failed run.</summary>
sealed class FileLog(string path) : ILogger
{
    private readonly Lock _gate = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.ffffff} {logLevel} {formatter(state, exception)}\n");
        }
    }
}
