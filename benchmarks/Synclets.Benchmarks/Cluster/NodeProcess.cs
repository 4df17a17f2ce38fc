using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Synclets.Benchmarks.Cluster;

/// <summary>
/// A <c>synclets serve</c> process (the Release build of src/Synclets.Tool) on a loopback port the
/// system picks: its address and its resident memory as the operating system counts it.
/// </summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NodeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => _output.Enqueue(line.Data ?? string.Empty);
        _process.ErrorDataReceived += (_, line) => _output.Enqueue(line.Data ?? string.Empty);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The node's WebSocket address, <c>ws://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Starts <c>synclets serve</c> with <paramref name="arguments"/> (besides <c>--urls</c>) and waits until it listens.</summary>
    public static async Task<NodeProcess> StartAsync(params string[] arguments)
    {
        var tool = typeof(NodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "SyncletsTool").Value!;
        var start = new ProcessStartInfo("dotnet", [tool, "serve", "--urls", "http://127.0.0.1:0", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The workstation GC, so that resident memory follows what the server holds (the server GC
            // lets each core's heap grow to its budget first, which would hide a room's cost).
            Environment = { ["DOTNET_gcServer"] = "0" },
        };
        var node = new NodeProcess(Process.Start(start)!);
        var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (!node.TryReadUrl())
        {
            if (node._process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                await node.DisposeAsync();
                throw new InvalidOperationException($"synclets serve did not start: {string.Join(Environment.NewLine, node._output)}");
            }

            await Task.Delay(50);
        }

        return node;
    }

    /// <summary>The address of room <paramref name="roomId"/> on this node.</summary>
    public Uri RoomUri(string roomId) => new(Url, Uri.EscapeDataString(roomId));

    /// <summary>Resident memory (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private bool TryReadUrl()
    {
        foreach (var line in _output)
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                Url = new Uri($"ws://{match.Groups["authority"].Value}/");
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"Now listening on: http://(?<authority>[^/\s]+)")]
    private static partial Regex ListeningOn();
}
