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
        ReportMismatch(transport, from, PeerMismatchKind.WireFormat, NameOf(theirs), NameOf(theirs == WireFormat.Json ? WireFormat.MessagePack : WireFormat.Json));

    /// <summary>
    /// Whether a decoded message comes from a peer set up differently (reported, and to be refused):
    /// checked before the message's content, which would only give a vaguer reason.
    /// </summary>
    private bool IsMismatched(Transport transport, string from, Message message)
    {
        if (message.Version != Message.CurrentVersion)
        {
            ReportMismatch(transport, from, PeerMismatchKind.ProtocolVersion, Number(message.Version), Number(Message.CurrentVersion));
            return true;
        }

        if (message.Depth != Depth)
        {
            ReportMismatch(transport, from, PeerMismatchKind.Depth, Number(message.Depth), Number(Depth));
            return true;
        }

        return false;
    }

    private void ReportMismatch(Transport transport, string from, PeerMismatchKind kind, string theirs, string ours)
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

        // The peer may not hear from this synclet before its next periodic sync: a summary sent to it
        // now lets it find the mismatch too (once: it is new to us only once).
        _queue.Post(() => ShowSelfToAsync(transport, from));
    }

    /// <summary>
    /// Sends <paramref name="peer"/> this synclet's root summary, in this synclet's format and depth.
    /// Not a sync round (the peer cannot answer it), so the record of crossing syncs is left alone.
    /// </summary>
    private async Task ShowSelfToAsync(Transport transport, string peer)
    {
        if (!IsStarted || _protocol is null)
        {
            return;
        }

        var summary = await _protocol.SummarizeAsync(Address.Root, new Exchange(MessageContext.Empty, CancellationToken.None)).ConfigureAwait(false);
        await SendOnAsync(transport, new Message(Depth, Address.Root, summary, MessageContext.Empty), peer, CancellationToken.None).ConfigureAwait(false);
    }

    private static string NameOf(WireFormat format) => format == WireFormat.Json ? "JSON" : "MessagePack";

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
