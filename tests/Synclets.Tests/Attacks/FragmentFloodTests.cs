using System.Text;
using Synclets.Transports;
using Synclets.Wire;

namespace Synclets.Tests.Attacks;

/// <summary>
/// A sender that starts messages and never finishes them (a broadcast of first fragments reaches
/// every member at once) holds at most its own share of the reassembly budget: other senders'
/// messages still get through.
/// </summary>
public sealed class FragmentFloodTests
{
    private static readonly TransportOptions Limits = new()
    {
        MaxPendingBytes = 4 * 1024 * 1024,
        MaxPendingBytesPerSender = 1024 * 1024,
        MaxPendingMessagesPerSender = 100_000,
        MaxPendingMessages = 100_000,
    };

    [Fact]
    public async Task A_sender_of_never_completed_fragments_cannot_keep_an_honest_senders_message_out()
    {
        await using var target = await HostileTarget.StartAsync(2, WireFormat.Json, transportOptions: Limits);
        var fragment = new string('[', 4096);
        for (var i = 0; i < 2_048; i++) // 8 MiB of first fragments: twice the whole budget
        {
            target.Peer.Inject(Encoding.UTF8.GetBytes($"flooder m{i} 0 2 {fragment}"));
        }

        var json = """[1,0,2,["t","a"],["OhqqeV-----BT7zq","honest"],{}]""";
        target.Peer.Inject(Encoding.UTF8.GetBytes($"honest h1 0 2 {json[..20]}"));
        target.Peer.Inject(Encoding.UTF8.GetBytes($"honest h1 1 2 {json[20..]}"));
        await target.Synclet.WhenReceivedProcessedAsync();

        Assert.Equal("honest", await target.Synclet.GetAtomAsync(new Address("t", "a")));
        Assert.Equal(2_048 - (Limits.MaxPendingBytesPerSender / 4096), target.Peer.Statistics.PacketsDropped);
    }

    [Fact]
    public void The_assembler_refuses_a_senders_fragments_past_its_share_and_accepts_another_senders()
    {
        var assembler = new PacketAssembler(Limits, TimeProvider.System);
        try
        {
            var fragment = new byte[64 * 1024];
            AssemblyResult last = default;
            for (var i = 0; i < 40; i++)
            {
                last = assembler.Add(new Packet("flooder", "m" + i, 0, 2, fragment));
            }

            Assert.Equal(AssemblyDropReason.TooManyPendingBytesForSender, last.Reason);
            Assert.Equal(Limits.MaxPendingBytesPerSender, assembler.PendingBytes);
            Assert.Equal(AssemblyStatus.Pending, assembler.Add(new Packet("honest", "h", 0, 2, fragment)).Status);
        }
        finally
        {
            assembler.Clear();
        }
    }

    [Fact]
    public void The_process_wide_count_rises_and_falls_with_what_assemblers_hold()
    {
        var assembler = new PacketAssembler(Limits, TimeProvider.System);
        var fragment = new byte[100_000];
        var before = PacketAssembler.ProcessPendingBytes;
        assembler.Add(new Packet("peer", "m", 0, 2, fragment));

        // Other tests' assemblers come and go meanwhile, so only what this one holds is certain.
        Assert.True(PacketAssembler.ProcessPendingBytes >= fragment.Length || before > fragment.Length);
        assembler.Clear();
        Assert.Equal(0, assembler.PendingBytes);
    }
}
