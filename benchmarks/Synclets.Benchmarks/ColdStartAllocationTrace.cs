using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Synclets.Benchmarks;

/// <summary>
/// What the process allocated while it listened, by type, from the runtime's sampled allocation
/// events (one about every 100 KB, naming the type that crossed the mark). A profiling aid of the
/// cold-start child (<c>--allocation-trace</c>): listening costs time itself, so traced runs are not timed.
/// </summary>
internal sealed class ColdStartAllocationTrace : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTick = 10;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs data)
    {
        if (data.EventId != AllocationTick || data.Payload is null || data.PayloadNames is null)
        {
            return;
        }

        var type = data.PayloadNames.IndexOf("TypeName") is var at and >= 0 ? data.Payload[at]?.ToString() ?? "?" : "?";
        var amount = data.PayloadNames.IndexOf("AllocationAmount64") is var bytes and >= 0
            ? Convert.ToInt64(data.Payload[bytes], CultureInfo.InvariantCulture)
            : 100_000;
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    /// <summary>Prints the types that took the most of the sampled bytes.</summary>
    public void Print()
    {
        Thread.Sleep(1500); // the runtime hands events over in batches
        var total = _bytesByType.Values.Sum();
        Console.WriteLine($"About {total / (1024.0 * 1024):F0} MB allocated (sampled).");
        Console.WriteLine();
        Console.WriteLine("| type | MB (sampled) | share |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(pair => pair.Value).Take(40))
        {
            Console.WriteLine($"| {type} | {bytes / (1024.0 * 1024):F1} | {(double)bytes / total:P0} |");
        }

        Console.WriteLine();
    }
}
