namespace Synclets.WebSockets.Server.Diagnostics;

/// <summary>
/// The names under which <see cref="WsServer"/>s publish their metrics, for <c>dotnet-counters</c>
/// (<c>--counters Synclets.Server</c>) or OpenTelemetry (<c>metrics.AddMeter(WsServerDiagnostics.MeterName)</c>).
/// </summary>
public static class WsServerDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of every broker in the process: "Synclets.Server".</summary>
    public const string MeterName = "Synclets.Server";

    /// <summary>The tag each measurement carries: the server's <see cref="WsServerOptions.Name"/>.</summary>
    public const string NameTag = "server.name";

    /// <summary>The tag that tells why clients were disconnected: <c>slow</c>, <c>flooding</c> or <c>idle</c>.</summary>
    public const string ReasonTag = "reason";
}
