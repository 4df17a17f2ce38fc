using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Synclets.Sqlite.Tests.Durability;

/// <summary>
/// The durability writer (<c>DurabilityWriter/Program.cs</c>) as a child process: what it
/// acknowledged writing, what it acknowledged receiving from peers, and a SIGKILL.
/// </summary>
internal sealed class WriterProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _reading;
    private readonly ConcurrentQueue<string> _errors = new();

    private WriterProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, line) => _errors.Enqueue(line.Data ?? string.Empty);
        _process.BeginErrorReadLine();
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Writes it acknowledged, in order: address, atom ("-" for a deletion), timestamp ("" when nothing was written).</summary>
    public ConcurrentQueue<(Address Address, string Atom, string Timestamp)> Acks { get; } = new();

    /// <summary>Changes from peers it stored, in order.</summary>
    public ConcurrentQueue<(Address Address, string Atom, string Timestamp)> Got { get; } = new();

    /// <summary>Starts the writer on <paramref name="path"/>; with a room, it syncs there as <paramref name="id"/>.</summary>
    public static WriterProcess Start(string path, int seed, int maxWrites, Uri? room = null, string? id = null)
    {
        var writer = typeof(WriterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "DurabilityWriter").Value!;
        Assert.True(File.Exists(writer), $"the durability writer is not built at {writer}");
        List<string> arguments = [writer, path, seed.ToString(CultureInfo.InvariantCulture), maxWrites.ToString(CultureInfo.InvariantCulture)];
        if (room is not null)
        {
            arguments.AddRange([room.ToString(), id ?? "writer"]);
        }

        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new WriterProcess(Process.Start(start)!);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails if the writer exits first or the time runs out.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (_reading.IsCompleted)
            {
                Assert.Fail($"the writer exited before {what}: {string.Join(" | ", _errors)}");
            }

            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(60)))
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromMilliseconds(10)));
        }
    }

    /// <summary>SIGKILL: no chance to flush or clean up. Every line printed before death is kept.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _reading;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            var parts = line.Split('\t');
            if (parts is ["ack" or "got", var ids, var atom, var timestamp])
            {
                (parts[0] == "ack" ? Acks : Got).Enqueue((new Address(JsonSerializer.Deserialize<string[]>(ids)!), atom, timestamp));
            }
        }
    }
}
