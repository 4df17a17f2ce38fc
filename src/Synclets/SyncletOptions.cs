using Microsoft.Extensions.Logging;
using Synclets.Wire;

namespace Synclets;

/// <summary>Identity, logging, time and limits of a synclet.</summary>
public sealed record SyncletOptions
{
    /// <summary>The synclet's id, unique among its peers; a random 16-character id when null.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// What the synclet is, for metrics: every measurement is tagged with it
    /// (<see cref="Diagnostics.SyncletDiagnostics.NameTag"/>). Give synclets of one role the same name
    /// ("todo-client", "room") rather than one each, so that a monitoring system sees a handful of
    /// series, not one per synclet; "synclet" when null.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>Where the synclet logs; messages are prefixed with its id. Nothing is logged when null.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The clock behind timestamps and timeouts; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// How many received messages may wait to be processed; 10,000 by default. Each sender's messages
    /// wait in a queue of their own, served in turn, so a flooding peer delays only itself. When full,
    /// the sender holding most of the queue loses a message (logged and counted), and the
    /// next sync repairs what it carried.
    /// </summary>
    public int MaxQueuedMessages { get; init; } = 10_000;

    /// <summary>
    /// How many bytes received messages waiting to be processed may hold, counted as they arrived
    /// (decoded, they take a few times that); 64 MiB by default. Like
    /// <see cref="MaxQueuedMessages"/>, past it the sender holding most of the queue loses a
    /// message. Local calls never wait behind received messages: they have a lane of their own.
    /// </summary>
    public long MaxQueuedMessageBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How much answering work each peer may ask of this synclet; see <see cref="PeerBudgetOptions"/>.</summary>
    public PeerBudgetOptions PeerBudget { get; init; } = new();

    /// <summary>
    /// How far ahead of this synclet's clock a received timestamp may be. A write stamped further
    /// in the future is not applied (logged and counted), so one peer with a wrong clock — or a
    /// hostile one — cannot push every later local write behind it. 5 minutes by default.
    /// </summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most leaves one answer message carries: a larger answer (everything under a parent, for
    /// an empty peer) is produced, sent and applied in parts of this size, each an ordinary message.
    /// 4,096 by default.
    /// </summary>
    public int MaxLeavesPerMessage { get; init; } = 4_096;

    /// <summary>
    /// How often a started synclet compares its whole tree with every peer (anti-entropy), so a
    /// message lost on the way is repaired without waiting for a restart. Each wait is drawn between
    /// 80% and 120% of this value, so peers started together do not all sync at the same moment.
    /// 30 seconds by default, at most <see cref="MaxSyncInterval"/>; <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an awaited sync (<see cref="Synclet.SyncAsync(SyncRequest, CancellationToken)"/>)
    /// waits for peers to finish before it ends incomplete, naming the peers that did not; a peer
    /// that misses it is taken to have left, and later syncs do not wait for it. 10 seconds by default.
    /// </summary>
    public TimeSpan SyncTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest <see cref="SyncInterval"/>: 30 days (a timer cannot wait much longer).</summary>
    public static readonly TimeSpan MaxSyncInterval = TimeSpan.FromDays(30);

    internal string ResolveId() => Id ?? WireCodec.NewMessageId();
}
