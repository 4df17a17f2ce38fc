using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Synclets.Postgres.Tests.Durability;

/// <summary>One write the writer began: its atoms (as <c>Atom.ToString()</c>, null deletes) and, once acknowledged, each one's timestamp.</summary>
public sealed class BegunWrite(int index, IReadOnlyList<(Address Address, string? Atom)> atoms)
{
    public int Index { get; } = index;

    public IReadOnlyList<(Address Address, string? Atom)> Atoms { get; } = atoms;

    /// <summary>In the order of <see cref="Atoms"/>; null while the write is not acknowledged.</summary>
    public IReadOnlyList<string>? Timestamps { get; set; }

    public bool IsBatch => Atoms.Count > 1;
}

/// <summary>Runs the DurabilityWriter in a child process and kills it (SIGKILL) at a chosen point.</summary>
public static class WriterProcess
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Starts the writer and kills it once <paramref name="killAfterAtoms"/> atoms are acknowledged,
    /// or, with <paramref name="killOnBatchBegin"/>, as soon as a bulk write begins after that, so
    /// that the kill lands inside a batch. Returns every write the writer reported, in order.
    /// </summary>
    public static async Task<List<BegunWrite>> RunUntilKilledAsync(string connectionString, int seed, int killAfterAtoms, bool killOnBatchBegin)
    {
        var writer = typeof(WriterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "DurabilityWriter").Value!;
        Assert.True(File.Exists(writer), $"the durability writer is not built at {writer}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { writer, connectionString, seed.ToString(CultureInfo.InvariantCulture), "1000000" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();   // drained all along, so the writer never blocks on it
        var writes = new List<BegunWrite>();
        var acknowledgedAtoms = 0;
        var killed = false;
        try
        {
            using var timeout = new CancellationTokenSource(RoundTimeout);
            while (!killed && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var write = Record(line, writes);
                acknowledgedAtoms += write?.Timestamps?.Count ?? 0;
                killed = acknowledgedAtoms >= killAfterAtoms && write is not null
                    && (killOnBatchBegin ? write.Timestamps is null && write.IsBatch : write.Timestamps is not null);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);   // SIGKILL: no chance to finish the batch, flush or clean up
            await process.WaitForExitAsync();
        }

        // What the writer reported before it died but was not read yet is acknowledged all the same.
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            Record(line, writes);
        }

        Assert.True(killed, $"the writer exited on its own ({process.ExitCode}): {(await errors).Replace("\n", " | ")}");
        return writes;
    }

    /// <summary>Adds a begun write or the acknowledgement of the last one; returns it (null for other lines).</summary>
    private static BegunWrite? Record(string line, List<BegunWrite> writes)
    {
        var parts = line.Split('\t');
        switch (parts[0])
        {
            case "begin":
                // Writes are awaited one after another: a write begins only once the previous one is acknowledged.
                Assert.True(writes.Count == 0 || writes[^1].Timestamps is not null, $"write {parts[1]} began before write {writes.Count - 1} was acknowledged");
                Assert.Equal(writes.Count, int.Parse(parts[1], CultureInfo.InvariantCulture));
                var atoms = JsonSerializer.Deserialize<string?[][]>(parts[2])!
                    .Select(entry => (new Address(entry[..^1].Select(id => id!)), entry[^1]))
                    .ToList();
                writes.Add(new BegunWrite(writes.Count, atoms));
                return writes[^1];
            case "ack":
                var write = writes[^1];
                Assert.Equal(write.Index, int.Parse(parts[1], CultureInfo.InvariantCulture));
                write.Timestamps = JsonSerializer.Deserialize<string[]>(parts[2])!;
                Assert.Equal(write.Atoms.Count, write.Timestamps.Count);
                return write;
            default:
                return null;
        }
    }
}
