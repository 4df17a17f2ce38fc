using System.Diagnostics;
using System.Reflection;

namespace Synclets.Benchmarks.Local;

/// <summary>The other process of <see cref="TransportBetweenProcessesBenchmarks"/>: it answers pings (Synclets.Benchmarks.EchoPeer).</summary>
internal sealed class EchoPeerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EchoPeerProcess(Process process) => _process = process;

    /// <summary>Starts the echo peer with <paramref name="arguments"/> and waits until it has joined.</summary>
    public static async Task<EchoPeerProcess> StartAsync(params string[] arguments)
    {
        var program = typeof(EchoPeerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "EchoPeer").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line != "ready")
        {
            process.Kill();
            throw new InvalidOperationException($"The echo peer did not start: {line}");
        }

        return new EchoPeerProcess(process);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
