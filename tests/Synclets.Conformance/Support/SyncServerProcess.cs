using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Synclets.Conformance.Support;

/// <summary>
/// The sync server (<c>synclets serve</c>, src/Synclets.Tool) as a child process on a loopback port the system
/// picks: what it prints, its address, and its memory as the operating system counts it. The test
/// assembly names the built tool in an <c>AssemblyMetadata("SyncletsTool", path)</c> attribute.
/// Free of any test framework, so that the benchmarks run servers with it too.
/// </summary>
public sealed partial class SyncServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SyncServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => _output.Enqueue(line.Data ?? string.Empty);
        _process.ErrorDataReceived += (_, line) => _output.Enqueue(line.Data ?? string.Empty);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The server's WebSocket address, <c>ws://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every line the server printed so far, standard output and error together.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts the server with <paramref name="arguments"/> (besides <c>--urls</c>) and waits until it listens.</summary>
    /// <exception cref="InvalidOperationException">The server exited instead, or the tool is not built.</exception>
    public static Task<SyncServerProcess> StartAsync(params string[] arguments) => StartAsync(new Dictionary<string, string>(), arguments);

    /// <summary>As above, with <paramref name="environment"/> added to the server's environment (runtime settings, say).</summary>
    public static async Task<SyncServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = StartInfo(arguments);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new SyncServerProcess(Process.Start(start)!);
        try
        {
            await Eventually.UntilAsync(() => Task.FromResult(process.TryReadUrl() || process._process.HasExited), "the sync server listens", StartTimeout);
            if (process._process.HasExited)
            {
                // Waiting for the exit also waits for the last redirected lines.
                await process._process.WaitForExitAsync();
                throw new InvalidOperationException($"The sync server exited: {string.Join(Environment.NewLine, process.Output)}");
            }

            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the server with arguments it should refuse: its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(params string[] arguments)
    {
        await using var process = new SyncServerProcess(Process.Start(StartInfo(arguments))!);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process._process.WaitForExitAsync(timeout.Token);
        // The exit waits for the end of both redirected streams, so every line is in.
        return (process._process.ExitCode, string.Join(Environment.NewLine, process.Output));
    }

    /// <summary>The address of room <paramref name="roomId"/>.</summary>
    public Uri RoomUri(string roomId) => new(Url, Uri.EscapeDataString(roomId));

    /// <summary>The server's resident memory (VmRSS in <c>/proc/&lt;pid&gt;/status</c>), in bytes.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kibibytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kibibytes * 1024;
    }

    /// <summary>Kills the server with SIGKILL, at once, as a crash or the out-of-memory killer would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Kills the server: no chance to clean up, so a later server on the same file sees what this one committed.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string[] arguments)
    {
        var tool = AppDomain.CurrentDomain.GetAssemblies()
            .SelectMany(assembly => assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            .First(attribute => attribute.Key == "SyncletsTool").Value!;
        if (!File.Exists(tool))
        {
            throw new InvalidOperationException($"The synclets tool is not built at {tool}.");
        }

        return new ProcessStartInfo("dotnet", [tool, "serve", "--urls", "http://127.0.0.1:0", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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

    // ASP.NET Core's own start-up line, which names the port Kestrel really bound.
    [GeneratedRegex(@"Now listening on: http://(?<authority>[^/\s]+)")]
    private static partial Regex ListeningOn();
}
