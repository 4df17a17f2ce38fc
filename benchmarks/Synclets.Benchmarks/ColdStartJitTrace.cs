using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Synclets.Benchmarks;

/// <summary>
/// Which methods the JIT compiled while it listened, and for how long, from the runtime's own JIT
/// events (an in-process <see cref="EventListener"/>; no dotnet-trace needed). A profiling aid of the
/// cold-start child (<c>--jit-trace</c>): listening costs time itself, so traced runs are not timed.
/// </summary>
internal sealed class ColdStartJitTrace : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private const int MethodLoadVerbose = 143;
    private const int MethodJittingStarted = 145;

    private readonly ConcurrentDictionary<ulong, DateTime> _started = new();
    private readonly ConcurrentQueue<(string Method, string Tier, double Ms)> _compiled = new();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs data)
    {
        if (data.Payload is null || data.PayloadNames is null)
        {
            return;
        }

        object? Field(string name) => data.PayloadNames.IndexOf(name) is var at and >= 0 ? data.Payload[at] : null;
        var id = Convert.ToUInt64(Field("MethodID"), CultureInfo.InvariantCulture);
        if (data.EventId == MethodJittingStarted)
        {
            _started[id] = data.TimeStamp;
        }
        else if (data.EventId == MethodLoadVerbose)
        {
            var ms = _started.TryRemove(id, out var started) ? (data.TimeStamp - started).TotalMilliseconds : 0;
            var method = $"{Field("MethodNamespace")}::{Field("MethodName")}";
            var flags = Convert.ToUInt32(Field("MethodFlags"), CultureInfo.InvariantCulture);
            _compiled.Enqueue((method, TierOf(flags), ms));
        }
    }

    /// <summary>Prints the compiled methods grouped by type, the costliest first, then the costliest methods.</summary>
    public void Print()
    {
        // The runtime hands events over in batches; let the last ones arrive.
        Thread.Sleep(1500);
        var compiled = _compiled.ToList();
        Console.WriteLine($"{compiled.Count} methods compiled, {compiled.Sum(entry => entry.Ms):F0} ms by the events' clocks.");
        Console.WriteLine("By tier: " + string.Join(", ", compiled.GroupBy(entry => entry.Tier).Select(group => $"{group.Key} {group.Count()}")));
        Console.WriteLine();
        Console.WriteLine("| type | methods | ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var group in compiled.GroupBy(entry => TypeOf(entry.Method)).OrderByDescending(group => group.Sum(entry => entry.Ms)).Take(60))
        {
            Console.WriteLine($"| {group.Key} | {group.Count()} | {group.Sum(entry => entry.Ms):F1} |");
        }

        Console.WriteLine();
        Console.WriteLine("| method | tier | ms |");
        Console.WriteLine("|---|---|---:|");
        foreach (var (method, tier, ms) in compiled.OrderByDescending(entry => entry.Ms).Take(60))
        {
            Console.WriteLine($"| {method} | {tier} | {ms:F2} |");
        }

        Console.WriteLine();

        // Every method, in the order compiled, to standard error: for grep, not for reading.
        foreach (var (method, tier, ms) in compiled)
        {
            Console.Error.WriteLine($"jitted {tier} {ms:F2} {method}");
        }
    }

    /// <summary>The optimization tier the runtime packs into bits 7–9 of a method's load flags.</summary>
    private static string TierOf(uint flags) => ((flags >> 7) & 0x7) switch
    {
        1 => "MinOpts",
        2 => "FullOpts",
        3 => "Tier0",
        4 => "Tier1",
        5 => "OSR",
        6 => "Tier0 instrumented",
        7 => "Tier1 instrumented",
        _ => "unknown",
    };

    private static string TypeOf(string method)
    {
        var separator = method.IndexOf("::", StringComparison.Ordinal);
        var type = separator >= 0 ? method[..separator] : method;
        // Generic instantiations of one type group together.
        var generic = type.IndexOf('[');
        return generic >= 0 ? type[..generic] : type;
    }
}
