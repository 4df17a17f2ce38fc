using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Synclets.Conformance.Support;

/// <summary>
/// A server app of this repository run as a child process on a loopback port — the sync server
/// (<c>synclets serve</c>, src/Synclets.Tool) or another Kestrel app such as the TodoWeb host: what it
/// prints, the address Kestrel says it listens on, and its memory as the operating system counts it.
/// The assembly that runs it names each built app in an <c>AssemblyMetadata(name, path)</c>
/// attribute (<c>SyncletsTool</c> for the sync server). Free of any test framework, so that the
/// benchmarks run servers with it too.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private const string AnyPort = "http://127.0.0.1:0";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => _output.Enqueue(line.Data ?? string.Empty);
        _process.ErrorDataReceived += (_, line) => _output.Enqueue(line.Data ?? string.Empty);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The server's HTTP address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri HttpUrl { get; private set; } = null!;

    /// <summary>The server's WebSocket address, <c>ws://127.0.0.1:port/</c>.</summary>
    public Uri Url => new UriBuilder(HttpUrl) { Scheme = "ws" }.Uri;

    /// <summary>Every line the server printed so far, standard output and error together.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>Starts the sync server with <paramref name="arguments"/> (besides <c>--urls</c>) and waits until it listens.</summary>
    /// <exception cref="InvalidOperationException">The server exited instead, or the tool is not built.</exception>
    public static Task<ServerProcess> StartAsync(params string[] arguments) => StartAsync(NoEnvironment, arguments);

    /// <summary>As above, with <paramref name="environment"/> added to the server's environment (runtime settings, say).</summary>
    public static Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartAppAsync(BuiltApp("SyncletsTool"), AnyPort, environment, workingDirectory: null, ["serve", .. arguments]);

    /// <summary>
    /// Starts the app built at <paramref name="path"/> with <paramref name="arguments"/>, listening at
    /// <paramref name="urls"/>, and waits until it listens.
    /// </summary>
    /// <param name="path">The app's built assembly (see <see cref="BuiltApp"/>).</param>
    /// <param name="urls">Its <c>--urls</c>: a fixed port, or port 0 for one the system picks.</param>
    /// <param name="environment">Added to its environment.</param>
    /// <param name="workingDirectory">Where it runs; this process's own directory when null.</param>
    /// <param name="arguments">Its arguments, before <c>--urls</c>.</param>
    /// <exception cref="InvalidOperationException">The app exited instead, or is not built.</exception>
    public static async Task<ServerProcess> StartAppAsync(string path, string urls, IReadOnlyDictionary<string, string> environment, string? workingDirectory, params string[] arguments)
    {
        var start = StartInfo(path, [.. arguments, "--urls", urls]);
        start.WorkingDirectory = workingDirectory ?? string.Empty;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var app = Path.GetFileNameWithoutExtension(path);
        var process = new ServerProcess(Process.Start(start)!);
        try
        {
            await Eventually.UntilAsync(() => Task.FromResult(process.TryReadUrl() || process._process.HasExited), $"{app} listens", StartTimeout);
            if (process._process.HasExited)
            {
                // Waiting for the exit also waits for the last redirected lines.
                await process._process.WaitForExitAsync();
                throw new InvalidOperationException($"{app} exited: {string.Join(Environment.NewLine, process.Output)}");
            }

            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the sync server with arguments it should refuse: its exit code and what it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunToExitAsync(params string[] arguments) => RunToolAsync(["serve", "--urls", AnyPort, .. arguments]);

    /// <summary>Runs a command of the synclets tool to its end: its exit code and what it printed (standard output and error together).</summary>
    public static async Task<(int ExitCode, string Output)> RunToolAsync(params string[] arguments)
    {
        await using var process = new ServerProcess(Process.Start(StartInfo(BuiltApp("SyncletsTool"), arguments))!);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process._process.WaitForExitAsync(timeout.Token);
        // The exit waits for the end of both redirected streams, so every line is in.
        return (process._process.ExitCode, string.Join(Environment.NewLine, process.Output));
    }

    /// <summary>The path of the app the loaded assemblies name <paramref name="name"/> in their <c>AssemblyMetadata</c>.</summary>
    /// <exception cref="InvalidOperationException">It is not built there.</exception>
    public static string BuiltApp(string name)
    {
        var path = AppDomain.CurrentDomain.GetAssemblies()
            .SelectMany(assembly => assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            .First(attribute => attribute.Key == name).Value!;
        return File.Exists(path) ? path : throw new InvalidOperationException($"{name} is not built at {path}.");
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

    /// <summary>Kills the server: no chance to clean up, so a later server on the same store sees what this one committed.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string path, string[] arguments) => new("dotnet", [path, .. arguments])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };

    private bool TryReadUrl()
    {
        foreach (var line in _output)
        {
            if (ListeningOn().Match(line) is { Success: true } match)
            {
                HttpUrl = new Uri($"http://{match.Groups["authority"].Value}/");
                return true;
            }
        }

        return false;
    }

    // ASP.NET Core's own start-up line, which names the port Kestrel really bound.
    [GeneratedRegex(@"Now listening on: http://(?<authority>[^/\s]+)")]
    private static partial Regex ListeningOn();
}
