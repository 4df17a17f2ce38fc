namespace Synclets.Diagnostics;

/// <summary>
/// The names under which synclets publish their metrics, for <c>dotnet-counters</c>
/// (<c>--counters Synclets</c>) or OpenTelemetry (<c>metrics.AddMeter(SyncletDiagnostics.MeterName)</c>).
/// </summary>
public static class SyncletDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of every synclet in the process: "Synclets".</summary>
    public const string MeterName = "Synclets";

    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> of every synclet: "Synclets", for
    /// OpenTelemetry's <c>tracing.AddSource(SyncletDiagnostics.ActivitySourceName)</c>. A sync round
    /// (<c>synclets.sync</c>: summarizing a subtree and sending it to every peer; the whole exchange
    /// is measured by the <c>synclets.sync.duration</c> histogram) and each received
    /// message applied and answered (<c>synclets.message.apply</c>) are a span each. Between .NET
    /// synclets the trace context travels in the message context, so a peer's span of a message is
    /// a child of the span that sent it, on the other side of a server too.
    /// </summary>
    public const string ActivitySourceName = "Synclets";

    /// <summary>The tag each measurement carries: the synclet's <see cref="SyncletOptions.Name"/>.</summary>
    public const string NameTag = "synclet.name";

    /// <summary>The tag of <c>synclets.syncs</c> and <c>synclets.sync.duration</c>: true when every peer finished.</summary>
    public const string CompleteTag = "complete";

    /// <summary>The tag that tells atoms applied by local writes from those received: <c>local</c>, <c>remote</c> or <c>external</c>.</summary>
    public const string OriginTag = "origin";
}
