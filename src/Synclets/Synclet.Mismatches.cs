using Microsoft.Extensions.Logging;
using Synclets.Engine;
using Synclets.Protocol;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets;

/// <summary>Peers set up differently (wire format, depth, protocol version): named once each, with the fix.</summary>
public sealed partial class Synclet
{
    // Each mismatched peer is reported once, whatever it keeps sending.
    private readonly PeerMismatches _mismatches = new();

    /// <summary>
    /// Raised once per peer and kind when a peer's messages show it cannot sync with this synclet: it
    /// speaks the other wire format, has a tree of another depth, or another protocol version. Raised
    /// with or without a logger; also logged as a warning and counted in
    /// <see cref="SyncletStatistics.PeerMismatches"/>. The peer's messages are dropped as before. The
    /// peer hears this synclet's messages too, so it raises its own event when it is a synclet.
    /// </summary>
    /// <remarks>Runs on the synclet's queue, like the other events.</remarks>
    public event EventHandler<PeerMismatchEventArgs>? PeerMismatch;

    void ITransportReceiver.PeerSpeaksOtherFormat(Transport transport, string from, WireFormat theirs) =>
        ReportMismatch(from, PeerMismatchKind.WireFormat, NameOf(theirs), NameOf(theirs == WireFormat.Json ? WireFormat.MessagePack : WireFormat.Json));

    /// <summary>
    /// Whether a decoded message comes from a peer set up differently (reported, and to be refused):
    /// checked before the message's content, which would only give a vaguer reason.
    /// </summary>
    private bool IsMismatched(string from, Message message)
    {
        if (message.Version != Message.CurrentVersion)
        {
            ReportMismatch(from, PeerMismatchKind.ProtocolVersion, Number(message.Version), Number(Message.CurrentVersion));
            return true;
        }

        if (message.Depth != Depth)
        {
            ReportMismatch(from, PeerMismatchKind.Depth, Number(message.Depth), Number(Depth));
            return true;
        }

        return false;
    }

    private void ReportMismatch(string from, PeerMismatchKind kind, string theirs, string ours)
    {
        if (!_mismatches.IsNew(from, kind))
        {
            return;
        }

        Statistics.CountPeerMismatch();
        var mismatch = new PeerMismatchEventArgs(from, kind, theirs, ours);
        if (_warnings.ShouldLog("peers set up differently", from))
        {
            _logger.LogWarning("[{SyncletId}] {Mismatch}", Id, mismatch.Message);
        }

        // Found on a transport's thread or while decoding aside; handlers run on the queue like the other events'.
        _queue.Post(() =>
        {
            if (PeerMismatch is { } handlers)
            {
                Raise(handlers, this, mismatch, nameof(PeerMismatch));
            }

            return Task.CompletedTask;
        });
    }

    private static string NameOf(WireFormat format) => format == WireFormat.Json ? "JSON" : "MessagePack";

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
