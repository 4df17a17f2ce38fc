using Synclets.Transports;

namespace Synclets.Engine;

/// <summary>
/// The counters a <see cref="SyncResult"/> reports, read at one moment from the synclet's and its
/// transports' statistics; a sync's figures are the difference of two readings, so there is one
/// source of truth.
/// </summary>
internal readonly record struct SyncCounts(
    long AtomsReceived,
    long AtomsSent,
    long MessagesProcessed,
    long MessagesReceived,
    long MessagesSent,
    long BytesReceived,
    long BytesSent,
    long Conflicts,
    long Refusals)
{
    public static SyncCounts Read(SyncletStatistics statistics, IReadOnlyList<Transport> transports)
    {
        long messagesReceived = 0, messagesSent = 0, bytesReceived = 0, bytesSent = 0;
        foreach (var transport in transports)
        {
            var counted = transport.Statistics;
            messagesReceived += counted.MessagesReceived;
            messagesSent += counted.MessagesSent;
            bytesReceived += counted.BytesReceived;
            bytesSent += counted.BytesSent;
        }

        return new SyncCounts(
            statistics.AtomsAppliedRemotely,
            statistics.AtomsSent,
            statistics.MessagesProcessed,
            messagesReceived,
            messagesSent,
            bytesReceived,
            bytesSent,
            statistics.Conflicts,
            statistics.MessagesRejected + statistics.WritesTooFarAhead);
    }

    public static SyncCounts operator -(SyncCounts after, SyncCounts before) => new(
        after.AtomsReceived - before.AtomsReceived,
        after.AtomsSent - before.AtomsSent,
        after.MessagesProcessed - before.MessagesProcessed,
        after.MessagesReceived - before.MessagesReceived,
        after.MessagesSent - before.MessagesSent,
        after.BytesReceived - before.BytesReceived,
        after.BytesSent - before.BytesSent,
        after.Conflicts - before.Conflicts,
        after.Refusals - before.Refusals);
}
