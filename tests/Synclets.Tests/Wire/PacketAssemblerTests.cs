using Microsoft.Extensions.Time.Testing;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Tests.Wire;

public class PacketAssemblerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void ASingleFragmentCompletesAtOnceWithoutACopy()
    {
        var assembler = Create();
        var bytes = new byte[] { 1, 2, 3 };
        var result = assembler.Add(new Packet("alice", "m1", 0, 1, bytes));
        Assert.Equal(AssemblyStatus.Completed, result.Status);
        Assert.Equal(("alice", "m1", AssemblyDropReason.None), (result.Peer, result.MessageId, result.Reason));
        Assert.True(result.Payload.Span.Overlaps(bytes, out var offset) && offset == 0);
        Assert.Equal(0, assembler.PendingMessageCount);
        Assert.Equal(0, assembler.PendingBytes);
    }

    [Fact]
    public void AnEmptySingleFragmentIsAnEmptyMessage()
    {
        var result = Create().Add(new Packet("alice", "m1", 0, 1, ReadOnlyMemory<byte>.Empty));
        Assert.Equal(AssemblyStatus.Completed, result.Status);
        Assert.True(result.Payload.IsEmpty);
    }

    [Fact]
    public void FragmentsInAnyOrderCompleteTheMessageOnce()
    {
        var assembler = Create();
        var payload = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var fragments = Split(payload, 7);
        var order = Enumerable.Range(0, fragments.Length).ToArray();
        new Random(3).Shuffle(order);
        AssemblyResult last = default;
        for (var i = 0; i < order.Length; i++)
        {
            last = assembler.Add(new Packet("alice", "m1", order[i], fragments.Length, fragments[order[i]]));
            Assert.Equal(i < order.Length - 1 ? AssemblyStatus.Pending : AssemblyStatus.Completed, last.Status);
        }

        Assert.Equal(payload, last.Payload.ToArray());
        Assert.Equal(0, assembler.PendingMessageCount);
        Assert.Equal(0, assembler.PendingBytes);
    }

    [Fact]
    public void FragmentsAreCopiedSoTheTransportMayReuseItsBuffer()
    {
        var assembler = Create();
        var buffer = new byte[] { 1, 2 };
        assembler.Add(new Packet("alice", "m1", 0, 2, buffer));
        buffer[0] = 99;
        var result = assembler.Add(new Packet("alice", "m1", 1, 2, new byte[] { 3 }));
        Assert.Equal(new byte[] { 1, 2, 3 }, result.Payload.ToArray());
    }

    [Fact]
    public void DuplicatesAreDroppedWithoutCorruptingTheMessage()
    {
        var assembler = Create();
        Assert.Equal(AssemblyStatus.Pending, assembler.Add(new Packet("alice", "m1", 0, 3, new byte[] { 1 })).Status);
        var duplicate = assembler.Add(new Packet("alice", "m1", 0, 3, new byte[] { 9, 9, 9 }));
        Assert.Equal((AssemblyStatus.Dropped, AssemblyDropReason.DuplicateFragment), (duplicate.Status, duplicate.Reason));
        Assert.Equal(1, assembler.PendingBytes);
        assembler.Add(new Packet("alice", "m1", 2, 3, new byte[] { 3 }));
        Assert.Equal(AssemblyDropReason.DuplicateFragment, assembler.Add(new Packet("alice", "m1", 2, 3, new byte[] { 7 })).Reason);
        var result = assembler.Add(new Packet("alice", "m1", 1, 3, new byte[] { 2 }));
        Assert.Equal(AssemblyStatus.Completed, result.Status);
        Assert.Equal(new byte[] { 1, 2, 3 }, result.Payload.ToArray());
    }

    [Fact]
    public void AMessageIdAnnouncingADifferentTotalIsDropped()
    {
        var assembler = Create();
        assembler.Add(new Packet("alice", "m1", 0, 3, new byte[] { 1 }));
        Assert.Equal(AssemblyDropReason.TotalMismatch, assembler.Add(new Packet("alice", "m1", 1, 4, new byte[] { 2 })).Reason);
        Assert.Equal(AssemblyDropReason.TotalMismatch, assembler.Add(new Packet("alice", "m1", 0, 1, new byte[] { 2 })).Reason);
        assembler.Add(new Packet("alice", "m1", 1, 3, new byte[] { 2 }));
        Assert.Equal(new byte[] { 1, 2, 3 }, assembler.Add(new Packet("alice", "m1", 2, 3, new byte[] { 3 })).Payload.ToArray());
    }

    [Fact]
    public void MessagesAreKeyedByPeerAndMessageId()
    {
        var assembler = Create();
        assembler.Add(new Packet("alice", "m1", 0, 2, new byte[] { 1 }));
        assembler.Add(new Packet("bob", "m1", 0, 2, new byte[] { 5 }));
        assembler.Add(new Packet("alice", "m2", 0, 2, new byte[] { 7 }));
        Assert.Equal(3, assembler.PendingMessageCount);
        Assert.Equal(new byte[] { 5, 6 }, assembler.Add(new Packet("bob", "m1", 1, 2, new byte[] { 6 })).Payload.ToArray());
        Assert.Equal(new byte[] { 1, 2 }, assembler.Add(new Packet("alice", "m1", 1, 2, new byte[] { 2 })).Payload.ToArray());
        Assert.Equal(1, assembler.PendingMessageCount);
    }

    [Theory]
    [InlineData(-1, 3, AssemblyDropReason.IndexOutOfRange)]
    [InlineData(3, 3, AssemblyDropReason.IndexOutOfRange)]
    [InlineData(int.MaxValue, 3, AssemblyDropReason.IndexOutOfRange)]
    [InlineData(0, 0, AssemblyDropReason.AbsurdTotal)]
    [InlineData(0, -5, AssemblyDropReason.AbsurdTotal)]
    [InlineData(0, 1001, AssemblyDropReason.AbsurdTotal)]
    [InlineData(5, int.MaxValue, AssemblyDropReason.AbsurdTotal)]
    public void HostileIndexesAndTotalsAreDropped(int index, int total, AssemblyDropReason reason)
    {
        var assembler = Create(new TransportOptions { MaxMessageBytes = 1000 });
        var result = assembler.Add(new Packet("mallory", "m1", index, total, new byte[] { 1 }));
        Assert.Equal((AssemblyStatus.Dropped, reason), (result.Status, result.Reason));
        Assert.Equal(0, assembler.PendingMessageCount);
    }

    [Fact]
    public void EmptyFragmentsOfLongerMessagesAreDropped()
    {
        var assembler = Create();
        Assert.Equal(AssemblyDropReason.EmptyFragment, assembler.Add(new Packet("mallory", "m1", 0, 5, ReadOnlyMemory<byte>.Empty)).Reason);
        assembler.Add(new Packet("mallory", "m1", 1, 5, new byte[] { 1 }));
        Assert.Equal(AssemblyDropReason.EmptyFragment, assembler.Add(new Packet("mallory", "m1", 2, 5, ReadOnlyMemory<byte>.Empty)).Reason);
        Assert.Equal(1, assembler.PendingBytes);
    }

    [Fact]
    public void AHundredMegabyteMessageIsRejectedOnceItsFragmentsPassTheLimit()
    {
        const int fragmentSize = 4096;
        const int total = 100 * 1024 * 1024 / fragmentSize;
        var options = new TransportOptions { MaxMessageBytes = 1024 * 1024 };
        var assembler = Create(options);
        var fragment = new byte[fragmentSize];
        var accepted = 0;
        var dropped = 0;
        for (var index = 0; index < total; index++)
        {
            var result = assembler.Add(new Packet("mallory", "huge", index, total, fragment));
            Assert.InRange(assembler.PendingBytes, 0, options.MaxMessageBytes);
            if (result.Status == AssemblyStatus.Pending)
            {
                accepted++;
            }
            else
            {
                Assert.Equal(AssemblyDropReason.MessageTooLarge, result.Reason);
                dropped++;
            }
        }

        Assert.Equal(options.MaxMessageBytes / fragmentSize, accepted);
        Assert.Equal(total - accepted, dropped);
        Assert.Equal(0, assembler.PendingMessageCount);
        Assert.Equal(0, assembler.PendingBytes);

        // Another message from the same sender is unaffected.
        Assert.Equal(AssemblyStatus.Pending, assembler.Add(new Packet("mallory", "next", 0, 2, fragment)).Status);
    }

    [Fact]
    public void ASingleFragmentOverTheLimitIsDropped()
    {
        var assembler = Create(new TransportOptions { MaxMessageBytes = 10 });
        Assert.Equal(AssemblyDropReason.MessageTooLarge, assembler.Add(new Packet("mallory", "m", 0, 1, new byte[11])).Reason);
        Assert.Equal(AssemblyDropReason.MessageTooLarge, assembler.Add(new Packet("mallory", "n", 0, 2, new byte[11])).Reason);
        Assert.Equal(AssemblyDropReason.MessageTooLarge, assembler.Add(new Packet("mallory", "n", 1, 2, new byte[1])).Reason);
        Assert.Equal(AssemblyStatus.Completed, assembler.Add(new Packet("mallory", "o", 0, 1, new byte[10])).Status);
    }

    [Fact]
    public void IdleMessagesAreReleasedAfterTheTimeout()
    {
        var options = new TransportOptions { ReassemblyTimeout = TimeSpan.FromSeconds(30) };
        var assembler = Create(options);
        assembler.Add(new Packet("alice", "old", 0, 3, new byte[] { 1 }));
        assembler.Add(new Packet("alice", "old", 1, 3, new byte[] { 2 }));
        _time.Advance(TimeSpan.FromSeconds(20));
        assembler.Add(new Packet("alice", "young", 0, 2, new byte[] { 1 }));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, assembler.RemoveExpired()); // exactly the timeout: not longer than it
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, assembler.RemoveExpired());
        Assert.Equal(1, assembler.PendingMessageCount);
        Assert.Equal(1, assembler.PendingBytes);
        Assert.Equal(2, assembler.TakeExpiredPacketCount());
        Assert.Equal(0, assembler.TakeExpiredPacketCount());

        // The released message starts over if its last fragment arrives late.
        Assert.Equal(AssemblyStatus.Pending, assembler.Add(new Packet("alice", "old", 2, 3, new byte[] { 3 })).Status);
    }

    [Fact]
    public void AFragmentKeepsItsMessageAlive()
    {
        var assembler = Create(new TransportOptions { ReassemblyTimeout = TimeSpan.FromSeconds(30) });
        assembler.Add(new Packet("alice", "m", 0, 4, new byte[] { 1 }));
        _time.Advance(TimeSpan.FromSeconds(25));
        assembler.Add(new Packet("alice", "m", 1, 4, new byte[] { 2 }));
        _time.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(0, assembler.RemoveExpired());
        assembler.Add(new Packet("alice", "m", 2, 4, new byte[] { 3 }));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, assembler.Add(new Packet("alice", "m", 3, 4, new byte[] { 4 })).Payload.ToArray());
    }

    [Fact]
    public void AddReleasesExpiredMessagesOnItsOwn()
    {
        var assembler = Create(new TransportOptions { ReassemblyTimeout = TimeSpan.FromSeconds(5) });
        for (var i = 0; i < 10; i++)
        {
            assembler.Add(new Packet("alice", "m" + i, 0, 2, new byte[] { 1 }));
        }

        _time.Advance(TimeSpan.FromSeconds(6));
        assembler.Add(new Packet("bob", "x", 0, 1, new byte[] { 1 }));
        Assert.Equal(0, assembler.PendingMessageCount);
        Assert.Equal(10, assembler.TakeExpiredPacketCount());
    }

    [Fact]
    public void OneSenderCannotHoldMoreThanItsShare()
    {
        var assembler = Create(new TransportOptions { MaxPendingMessagesPerSender = 3, MaxPendingMessages = 100 });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(AssemblyStatus.Pending, assembler.Add(new Packet("mallory", "m" + i, 0, 2, new byte[] { 1 })).Status);
        }

        Assert.Equal(AssemblyDropReason.TooManyPendingForSender, assembler.Add(new Packet("mallory", "m3", 0, 2, new byte[] { 1 })).Reason);
        Assert.Equal(AssemblyStatus.Pending, assembler.Add(new Packet("alice", "a", 0, 2, new byte[] { 1 })).Status);

        // Fragments of messages already pending still count; completing one frees a slot.
        Assert.Equal(AssemblyStatus.Completed, assembler.Add(new Packet("mallory", "m0", 1, 2, new byte[] { 2 })).Status);
        Assert.Equal(AssemblyStatus.Pending, assembler.Add(new Packet("mallory", "m3", 0, 2, new byte[] { 1 })).Status);
    }

    [Fact]
    public void AFloodOfIncompleteMessagesFromRandomSendersStaysBounded()
    {
        var options = new TransportOptions { MaxPendingMessages = 500, MaxPendingMessagesPerSender = 8, MaxMessageBytes = 64 * 1024 };
        var assembler = Create(options);
        var random = new Random(7);
        var fragment = new byte[100];
        var tooMany = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var total = random.Next(2, 1000);
            var result = assembler.Add(new Packet("sender" + random.Next(1000), "m" + i, random.Next(total), total, fragment));
            Assert.True(assembler.PendingMessageCount <= options.MaxPendingMessages);
            if (result.Reason is AssemblyDropReason.TooManyPending)
            {
                tooMany++;
            }
        }

        Assert.Equal(options.MaxPendingMessages, assembler.PendingMessageCount);
        Assert.Equal(options.MaxPendingMessages * 100L, assembler.PendingBytes);
        Assert.True(tooMany > 90_000);

        // Once the flood times out, honest senders get through again.
        _time.Advance(options.ReassemblyTimeout + TimeSpan.FromSeconds(1));
        Assert.Equal(AssemblyStatus.Pending, assembler.Add(new Packet("alice", "a", 0, 2, fragment)).Status);
        Assert.Equal(1, assembler.PendingMessageCount);
    }

    [Fact]
    public void ClearReleasesEverything()
    {
        var assembler = Create(new TransportOptions { MaxMessageBytes = 4 });
        assembler.Add(new Packet("alice", "m", 0, 2, new byte[] { 1 }));
        assembler.Add(new Packet("bob", "big", 0, 2, new byte[] { 1, 2, 3 }));
        assembler.Add(new Packet("bob", "big", 1, 2, new byte[] { 1, 2, 3 }));
        assembler.Clear();
        Assert.Equal((0, 0L), (assembler.PendingMessageCount, assembler.PendingBytes));
        Assert.Equal(AssemblyStatus.Pending, assembler.Add(new Packet("bob", "big", 0, 2, new byte[] { 1 })).Status);
    }

    [Fact]
    public void ConcurrentSendersAllComplete()
    {
        var assembler = Create();
        var completed = 0;
        Parallel.For(0, 8, sender =>
        {
            for (var message = 0; message < 200; message++)
            {
                for (var index = 0; index < 5; index++)
                {
                    var result = assembler.Add(new Packet("s" + sender, "m" + message, index, 5, new byte[] { (byte)index }));
                    if (result.Status == AssemblyStatus.Completed)
                    {
                        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, result.Payload.ToArray());
                        Interlocked.Increment(ref completed);
                    }
                }
            }
        });

        Assert.Equal(8 * 200, completed);
        Assert.Equal(0, assembler.PendingMessageCount);
    }

    [Fact]
    public void AUsableClockAndOptionsAreRequired()
    {
        Assert.Throws<ArgumentNullException>(() => new PacketAssembler(null!, _time));
        Assert.Throws<ArgumentNullException>(() => new PacketAssembler(new TransportOptions(), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacketAssembler(new TransportOptions { MaxPendingMessages = 0 }, _time));
        Assert.Throws<ArgumentException>(() => Create().Add(default));
    }

    [Fact]
    public void ManySendersTogetherCannotHoldMoreThanMaxPendingBytes()
    {
        var assembler = Create(new TransportOptions { MaxMessageBytes = 1000, MaxPendingBytes = 5000 });
        var fragment = new byte[900];
        var dropped = 0;
        for (var sender = 0; sender < 100; sender++)
        {
            var result = assembler.Add(new Packet("peer" + sender, "m", 0, 2, fragment));
            dropped += result.Reason == AssemblyDropReason.TooManyPendingBytes ? 1 : 0;
            Assert.True(assembler.PendingBytes <= 5000);
        }

        Assert.Equal(95, dropped);
        Assert.Equal(5, assembler.PendingMessageCount);
    }

    private PacketAssembler Create(TransportOptions? options = null) => new(options ?? new TransportOptions(), _time);

    private static byte[][] Split(byte[] payload, int size) =>
        [.. Enumerable.Range(0, (payload.Length + size - 1) / size).Select(i => payload.Skip(i * size).Take(size).ToArray())];
}
