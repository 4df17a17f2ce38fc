using System.Collections.Concurrent;
using Synclets.Connectors.Memory;
using Synclets.Hashing;
using Synclets.Protocol;
using Synclets.Transports;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Syncing;

/// <summary>
/// The sync a synclet runs when a transport comes back summarizes the tree after the messages it
/// received before are applied: local work goes ahead of received messages, and a root hash taken
/// before them would let the peers agree on a tree that changes right after.
/// </summary>
public sealed class ReconnectSyncTests
{
    [Fact]
    public async Task The_reconnection_sync_waits_for_the_messages_received_before_it()
    {
        var pool = "reconnect-" + Guid.NewGuid().ToString("N");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 0;
        var receiverTransport = new MemoryTransport(pool);
        await using var receiver = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), receiverTransport),
            new SyncletHooks
            {
                // Holds the first received write, so the second waits in the queue behind it.
                OnReceiveMessage = async (message, _, _) =>
                {
                    if (WriteCount.Of(message.Node) > 0 && Interlocked.Exchange(ref held, 1) == 0)
                    {
                        entered.TrySetResult();
                        await release.Task;
                    }
                },
            });

        var rootHashes = new ConcurrentQueue<uint>();
        await using var writer = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), new MemoryTransport(pool)),
            new SyncletHooks
            {
                OnReceiveMessage = (message, _, _) =>
                {
                    if (message.Address.Count == 0 && message.Node is HashNode root)
                    {
                        rootHashes.Enqueue(root.Hash);
                    }

                    return ValueTask.CompletedTask;
                },
            });
        await receiver.StartAsync();
        await writer.StartAsync();
        Assert.True((await writer.WhenSyncedAsync()).IsComplete);
        rootHashes.Clear();

        await writer.SetAtomAsync(new Address("x"), 1);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await writer.SetAtomAsync(new Address("y"), 2);   // queued behind x at the receiver

        ((ITransportReceiver)receiver).Reconnected(receiverTransport);
        release.SetResult();
        await receiver.WhenReceivedProcessedAsync();

        var expected = (await writer.GetMetaAsync()).Leaves().Aggregate(0u, (hash, leaf) => hash ^ Fnv1a.HashTimestamp(leaf.Value));
        await Conformance.Support.Eventually.UntilAsync(() => Task.FromResult(!rootHashes.IsEmpty), "the reconnection's root hash arrives");
        Assert.Equal(expected, Assert.Single(rootHashes));
        Assert.Equal(2, (await receiver.GetAtomAsync(new Address("y")))?.AsInteger());
    }
}
