using Synclets.Connectors.Memory;
using Synclets.Conformance.Support;
using Synclets.Diagnostics;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Diagnostics;

/// <summary>The "Synclets" meter reports what the synclets' statistics count, tagged with the synclet's name.</summary>
public sealed class SyncletMeterTests
{
    private readonly string _name = "meter-test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_write_and_its_sync_move_the_atoms_messages_and_bytes_of_both_synclets()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var writer = await StartAsync("writer", pool, _name + "-writer");
        await using var reader = await StartAsync("reader", pool, _name + "-reader");
        using var writerMeter = new MeterReading(SyncletDiagnostics.MeterName, SyncletDiagnostics.NameTag, _name + "-writer");
        using var readerMeter = new MeterReading(SyncletDiagnostics.MeterName, SyncletDiagnostics.NameTag, _name + "-reader");
        var writerBefore = writerMeter.Collect();
        var readerBefore = readerMeter.Collect();

        await writer.SetAtomAsync(new Address("a"), 1);
        await writer.SetAtomAsync(new Address("b"), 2);
        await Eventually.UntilAsync(async () => await reader.GetAtomAsync(new Address("b")) == 2, "the reader has both writes");

        var writerAfter = writerMeter.Collect();
        var readerAfter = readerMeter.Collect();
        Assert.Equal(2, writerAfter["synclets.atoms.applied{origin=local}"] - writerBefore["synclets.atoms.applied{origin=local}"]);
        Assert.Equal(2, readerAfter["synclets.atoms.applied{origin=remote}"] - readerBefore["synclets.atoms.applied{origin=remote}"]);
        Assert.Equal(2, writerAfter["synclets.atoms.sent"] - writerBefore["synclets.atoms.sent"]);
        Assert.True(writerAfter["synclets.messages.sent"] > writerBefore["synclets.messages.sent"]);
        Assert.True(writerAfter["synclets.bytes.sent"] > writerBefore["synclets.bytes.sent"]);
        Assert.True(readerAfter["synclets.messages.received"] > readerBefore["synclets.messages.received"]);
        Assert.True(readerAfter["synclets.messages.processed"] > readerBefore["synclets.messages.processed"]);
        Assert.True(readerAfter["synclets.bytes.received"] > readerBefore["synclets.bytes.received"]);
    }

    [Fact]
    public async Task Every_instrument_reports_the_count_it_stands_for()
    {
        await using var synclet = await StartAsync("counted", Guid.NewGuid().ToString("N"), _name);
        using var meter = new MeterReading(SyncletDiagnostics.MeterName, SyncletDiagnostics.NameTag, _name);
        var statistics = synclet.Statistics;
        var transport = synclet.Transports[0].Statistics;

        // The events themselves are each tested where they happen; here, that each reaches its instrument.
        statistics.CountRejected();
        statistics.CountOverflowed(2);
        statistics.CountConflicts(3);
        statistics.CountWritesTooFarAhead(4);
        statistics.CountPeerMismatch();
        statistics.CountBatchFailed();
        statistics.CountAnswerCut();
        statistics.CountAtomsApplied(ChangeOrigin.External, 5);
        statistics.CountAtomsSent(7);
        statistics.CountSyncEnded(complete: false);
        transport.CountPacketsDropped(6);
        transport.CountMessageDropped();

        var values = meter.Collect();
        Assert.Equal(statistics.MessagesRejected, values["synclets.messages.rejected"]);
        Assert.Equal(2, values["synclets.messages.overflowed"]);
        Assert.Equal(3, values["synclets.conflicts"]);
        Assert.Equal(4, values["synclets.clock_skew.refusals"]);
        Assert.Equal(1, values["synclets.peer_mismatches"]);
        Assert.Equal(1, values["synclets.batches.failed"]);
        Assert.Equal(1, values["synclets.answers.cut"]);
        Assert.Equal(5, values["synclets.atoms.applied{origin=external}"]);
        Assert.Equal(statistics.AtomsSent, values["synclets.atoms.sent"]);
        Assert.Equal(statistics.SyncsIncomplete, values["synclets.syncs{complete=False}"]);
        Assert.Equal(statistics.SyncsCompleted, values["synclets.syncs{complete=True}"]);
        Assert.Equal(transport.PacketsDropped, values["synclets.packets.dropped"]);
        Assert.Equal(transport.MessagesDropped, values["synclets.messages.dropped"]);
        Assert.Equal(statistics.MessagesProcessed, values["synclets.messages.processed"]);
        Assert.Equal(transport.MessagesSent, values["synclets.messages.sent"]);
        Assert.Equal(transport.BytesReceived, values["synclets.bytes.received"]);
    }

    [Fact]
    public void The_meter_publishes_the_documented_instruments()
    {
        using var meter = new MeterReading(SyncletDiagnostics.MeterName, SyncletDiagnostics.NameTag, _name);

        Assert.Equal(
            ["synclets.answers.cut", "synclets.atoms.applied", "synclets.atoms.sent", "synclets.batches.failed", "synclets.bytes.received", "synclets.bytes.sent",
             "synclets.clock_skew.refusals", "synclets.conflicts", "synclets.messages.dropped", "synclets.messages.overflowed",
             "synclets.messages.processed", "synclets.messages.received", "synclets.messages.rejected", "synclets.messages.sent",
             "synclets.packets.dropped", "synclets.peer_mismatches", "synclets.sync.duration", "synclets.syncs"],
            meter.Instruments.Order());
    }

    [Fact]
    public async Task Each_sync_that_ends_records_its_duration_and_whether_it_completed()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var first = await StartAsync("first", pool, _name);
        using var meter = new MeterReading(SyncletDiagnostics.MeterName, SyncletDiagnostics.NameTag, _name);
        await using var second = await StartAsync("second", pool, _name);
        Assert.True((await second.WhenSyncedAsync()).IsComplete);

        var result = await second.SyncAsync();

        Assert.True(result.IsComplete);
        var recorded = meter.Recorded("synclets.sync.duration{complete=True}");
        Assert.Contains(result.Duration.TotalSeconds, recorded);
        Assert.Equal(second.Statistics.SyncsCompleted + first.Statistics.SyncsCompleted, meter.Collect()["synclets.syncs{complete=True}"]);
    }

    [Fact]
    public async Task A_disposed_synclet_is_no_longer_reported()
    {
        var synclet = await StartAsync("gone", Guid.NewGuid().ToString("N"), _name);
        using var meter = new MeterReading(SyncletDiagnostics.MeterName, SyncletDiagnostics.NameTag, _name);
        Assert.NotEmpty(meter.Collect());

        await synclet.DisposeAsync();

        Assert.Empty(meter.Collect());
    }

    [Fact]
    public async Task A_synclet_without_a_name_is_reported_as_synclet()
    {
        await using var synclet = await Synclet.CreateAsync(new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1)));
        Assert.Equal("synclet", synclet.Name);
    }

    private static async Task<Synclet> StartAsync(string id, string pool, string name)
    {
        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), new MemoryTransport(pool)),
            options: new SyncletOptions { Id = id, Name = name });
        await synclet.StartAsync();
        return synclet;
    }
}
