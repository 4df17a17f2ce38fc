using System.Diagnostics;
using Synclets.Relational;
using Synclets.Sqlite;

namespace Synclets.Benchmarks.Sqlite;

/// <summary>
/// Many stored rooms in one SQLite file (<c>--stored-rooms</c>), as the sync server keeps them: each
/// room a synclet of its own store and connection, its rows under its own scope of the shared tables.
/// Reports the time to open a new room (create its synclet, write one atom, close it) in a file that
/// already holds 10,000 rooms and in one that holds none, alternately so both meet the same JIT
/// state, which must be alike now that rooms add rows rather than tables; and the memory 500 rooms
/// held open at once cost.
/// </summary>
internal static class StoredRoomsReport
{
    private const int Rooms = 10_000;
    private const int Sample = 200;
    private const int HeldOpen = 500;
    private const double Mb = 1024 * 1024;

    public static async Task PrintAsync(MetricsFile metrics)
    {
        var path = SqliteBenchmarkWorkload.NewDatabase();
        var emptyFiles = new List<string>();
        try
        {
            for (var room = 0; room < Rooms; room++)
            {
                await OpenWriteCloseAsync(path, room);
            }

            var (full, empty) = (new double[Sample], new double[Sample]);
            for (var i = 0; i < Sample; i++)
            {
                full[i] = await OpenWriteCloseAsync(path, Rooms + i);
                emptyFiles.Add(SqliteBenchmarkWorkload.NewDatabase());
                empty[i] = await OpenWriteCloseAsync(emptyFiles[^1], 0);
            }

            var (first, last) = (Median(empty), Median(full));

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var before = Environment.WorkingSet;
            var open = new List<Synclet>(HeldOpen);
            for (var room = 0; room < HeldOpen; room++)
            {
                var synclet = await OpenAsync(path, room);
                await synclet.GetAtomAsync(new Address("notes", "n1", "text"));
                open.Add(synclet);
            }

            GC.Collect();
            var perRoom = (Environment.WorkingSet - before) / (double)HeldOpen / 1024;
            var total = Environment.WorkingSet / Mb;
            foreach (var synclet in open)
            {
                await synclet.DisposeAsync();
            }

            Console.WriteLine($"{Rooms:N0} rooms in one SQLite file, each its own synclet and connection, one atom each.");
            Console.WriteLine();
            Console.WriteLine("| open, write, close the first room of a file (median ms) | the 10,001st (median ms) | ratio | 500 rooms open: working set (MB) | per open room (KB) |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            Console.WriteLine($"| {first:F2} | {last:F2} | {last / first:F2} | {total:F0} | {perRoom:F0} |");
            metrics.Write("stored_rooms.first_ms", first);
            metrics.Write("stored_rooms.last_ms", last);
            metrics.Write("stored_rooms.open_500_mb", total);
        }
        finally
        {
            foreach (var file in emptyFiles.Append(path))
            {
                SqliteBenchmarkWorkload.Delete(file);
            }
        }
    }

    /// <summary>Opens a room, writes one atom, closes it; the time it took, in ms.</summary>
    private static async Task<double> OpenWriteCloseAsync(string path, int room)
    {
        var clock = Stopwatch.StartNew();
        await using (var synclet = await OpenAsync(path, room))
        {
            await synclet.SetAtomAsync(new Address("notes", "n1", "text"), "room " + room);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<Synclet> OpenAsync(string path, int room)
    {
        var (data, meta) = SqliteStore.ForFile(path).CreateConnectors(3, new TreeTableOptions { Scope = "room " + room });
        return await Synclet.CreateAsync(new SyncletComponents(data, meta));
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }
}
