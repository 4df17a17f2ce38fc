using System.Diagnostics;

namespace Synclets.Diagnostics;

/// <summary>
/// The "Synclets" activity source. <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null while nothing listens, so an untraced synclet pays one check per span.
/// </summary>
internal static class SyncletActivities
{
    public static readonly ActivitySource Source = new(SyncletDiagnostics.ActivitySourceName);

    /// <summary>A sync round of <paramref name="synclet"/>: summarizing <paramref name="address"/> and sending it to every peer.</summary>
    public static Activity? StartSync(Synclet synclet, Address address)
    {
        var activity = Source.StartActivity("synclets.sync", ActivityKind.Producer);
        activity?.SetTag(SyncletDiagnostics.NameTag, synclet.Name).SetTag("synclets.address.length", address.Count);
        return activity;
    }

    /// <summary>
    /// A received message applied and answered by <paramref name="synclet"/>; <paramref name="writes"/>
    /// counts its leaves. With the sender's trace context (<paramref name="sender"/>), the span is its child.
    /// </summary>
    public static Activity? StartApply(Synclet synclet, int writes, ActivityContext? sender)
    {
        var activity = sender is { } parent
            ? Source.StartActivity("synclets.message.apply", ActivityKind.Consumer, parent)
            : Source.StartActivity("synclets.message.apply", ActivityKind.Consumer);
        activity?.SetTag(SyncletDiagnostics.NameTag, synclet.Name).SetTag("synclets.message.leaves", writes);
        return activity;
    }
}
