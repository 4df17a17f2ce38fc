using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Synclets.Conformance.Support;

namespace Synclets.Browser.Tests.Support;

/// <summary>
/// A built .NET app of this repository run as a child process on a loopback port (the TodoWeb
/// host, or <c>synclets serve</c>): what it prints, and the address Kestrel says it listens on.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => _output.Enqueue(line.Data ?? string.Empty);
        _process.ErrorDataReceived += (_, line) => _output.Enqueue(line.Data ?? string.Empty);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The <c>http://127.0.0.1:port/</c> address it listens on.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>What it printed so far.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts the app built at the path in assembly metadata <paramref name="app"/>, and waits until it listens.</summary>
    public static Task<ChildProcess> StartAsync(string app, string urls, params string[] arguments) =>
        StartAtAsync(typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == app).Value!, urls, development: true, arguments);

    /// <summary>Starts the app at <paramref name="path"/> (in Development, which serves a build's static web assets, or as published), and waits until it listens.</summary>
    public static async Task<ChildProcess> StartAtAsync(string path, string urls, bool development, params string[] arguments)
    {
        var app = Path.GetFileNameWithoutExtension(path);
        Assert.True(File.Exists(path), $"{app} is not built at {path}");
        var start = new ProcessStartInfo("dotnet", [path, .. arguments, "--urls", urls])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };

        // A build's host finds the app's files through the static web assets manifest, read in Development.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = development ? "Development" : "Production";
        var child = new ChildProcess(Process.Start(start)!);
        try
        {
            await Eventually.UntilAsync(() => Task.FromResult(child.TryReadUrl() || child._process.HasExited), $"{app} listens", StartTimeout);
            if (child._process.HasExited)
            {
                await child._process.WaitForExitAsync();
                Assert.Fail($"{app} exited: {child.Output}");
            }

            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills it at once, as a crash or a pulled plug would.</summary>
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
                Url = new Uri($"http://{match.Groups["authority"].Value}/");
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"Now listening on: http://(?<authority>[^/\s]+)")]
    private static partial Regex ListeningOn();
}
