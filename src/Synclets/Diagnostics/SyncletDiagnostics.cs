namespace Synclets.Diagnostics;

/// <summary>
/// The names under which synclets publish their metrics, for <c>dotnet-counters</c>
/// (<c>--counters Synclets</c>) or OpenTelemetry (<c>metrics.AddMeter(SyncletDiagnostics.MeterName)</c>).
/// </summary>
public static class SyncletDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of every synclet in the process: "Synclets".</summary>
    public const string MeterName = "Synclets";

    /// <summary>The tag each measurement carries: the synclet's <see cref="SyncletOptions.Name"/>.</summary>
    public const string NameTag = "synclet.name";

    /// <summary>The tag that tells atoms applied by local writes from those received: <c>local</c>, <c>remote</c> or <c>external</c>.</summary>
    public const string OriginTag = "origin";
}
