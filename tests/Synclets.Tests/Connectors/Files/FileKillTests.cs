using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Synclets.Conformance.Support;
using Synclets.Connectors.Files;

namespace Synclets.Tests.Connectors.Files;

/// <summary>
/// A process writing through file connectors, killed with SIGKILL at random moments, 20 times in a
/// row: each time the files open (never torn), every batch it had acknowledged is in them, and the
/// temporary file it was writing is cleared away.
/// </summary>
public sealed class FileKillTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("synclets-file-kill-");

    [Fact]
    public async Task Killed_mid_write_20_times_the_files_open_and_hold_every_acknowledged_batch()
    {
        var (dataFile, metaFile) = (Path.Combine(_directory.FullName, "data.json"), Path.Combine(_directory.FullName, "meta.json"));
        var random = new Random(21);
        var acknowledged = -1;
        for (var round = 0; round < 20; round++)
        {
            var acks = new ConcurrentQueue<int>();
            using (var writer = StartWriter(dataFile, metaFile, acknowledged + 1, acks))
            {
                // Kill after a few more batches, at whatever point of its next write the writer is.
                var target = acknowledged + 1 + random.Next(1, 6);
                await Eventually.UntilAsync(() => Task.FromResult(acks.Any(batch => batch >= target) || writer.HasExited), $"round {round}: batch {target} acknowledged");
                if (writer.HasExited)
                {
                    Assert.Fail($"round {round}: the writer exited: {await writer.StandardError.ReadToEndAsync()}");
                }

                writer.Kill(entireProcessTree: true);
                await writer.WaitForExitAsync();
            }

            acknowledged = Math.Max(acknowledged, acks.Max());
            await using var reader = await Synclet.CreateAsync(new SyncletComponents(new FileDataConnector(dataFile, 2), new FileMetaConnector(metaFile, 2)));
            var data = await reader.GetDataAsync();
            for (var batch = 0; batch <= acknowledged; batch++)
            {
                Assert.Equal(batch, (await reader.GetAtomAsync(new Address("b" + batch, "c49")))?.AsInteger());
            }

            Assert.Equal(0, data.Leaves().Count() % 50);   // whole batches only
            Assert.Empty(_directory.GetFiles("*.tmp"));      // what the killed writer left half-written is gone
        }

        Assert.DoesNotContain(_directory.GetFiles("*.json"), file => file.Length == 0);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static Process StartWriter(string dataFile, string metaFile, int first, ConcurrentQueue<int> acks)
    {
        var writer = typeof(FileKillTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "FileWriter").Value!;
        Assert.True(File.Exists(writer), $"the file writer is not built at {writer}");
        var process = Process.Start(new ProcessStartInfo("dotnet", [writer, dataFile, metaFile, first.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text && text.StartsWith("acked ", StringComparison.Ordinal))
            {
                acks.Enqueue(int.Parse(text["acked ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        process.BeginOutputReadLine();
        return process;
    }
}
