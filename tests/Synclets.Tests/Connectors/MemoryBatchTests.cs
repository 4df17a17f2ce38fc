using Synclets.Connectors.Memory;

namespace Synclets.Tests.Connectors;

/// <summary>The memory connectors' batches: a rollback undoes its own batch, and nothing a committed one wrote.</summary>
public class MemoryBatchTests
{
    private static Address Cell(int row) => new("t", "r" + row, "c");

    [Theory]
    [InlineData(1)]
    [InlineData(300)] // more steps than the undo log keeps between batches
    [InlineData(5_000)]
    public async Task A_rollback_after_committed_batches_undoes_only_its_own_writes(int committedWrites)
    {
        var data = new MemoryDataConnector(3);
        await data.BeginBatchAsync();
        for (var row = 0; row < committedWrites; row++)
        {
            await data.WriteAtomAsync(Cell(row), "kept " + row);
        }

        await data.CommitBatchAsync();

        await data.BeginBatchAsync();
        await data.WriteAtomAsync(Cell(0), "undone");
        await data.RemoveAtomAsync(Cell(committedWrites - 1));
        await data.WriteAtomAsync(Cell(committedWrites), "new");
        await data.RollbackBatchAsync();

        Assert.Equal("kept 0", await data.ReadAtomAsync(Cell(0)));
        Assert.Equal("kept " + (committedWrites - 1), await data.ReadAtomAsync(Cell(committedWrites - 1)));
        Assert.Null(await data.ReadAtomAsync(Cell(committedWrites)));
        Assert.Equal(committedWrites, (await data.ReadChildIdsAsync(new Address("t"))).Count);
    }

    [Fact]
    public async Task A_large_rolled_back_batch_leaves_no_trace_and_the_next_batch_starts_clean()
    {
        var meta = new MemoryMetaConnector(3);
        await meta.BeginBatchAsync();
        await meta.WriteTimestampAsync(Cell(0), "before");
        await meta.WriteHashAsync(new Address("t"), 7);
        await meta.CommitBatchAsync();

        await meta.BeginBatchAsync();
        for (var row = 0; row < 1_000; row++)
        {
            await meta.WriteTimestampAsync(Cell(row), "during");
        }

        await meta.WriteHashAsync(new Address("t"), 8);
        await meta.RollbackBatchAsync();

        Assert.Equal("before", await meta.ReadTimestampAsync(Cell(0)));
        Assert.Equal("", await meta.ReadTimestampAsync(Cell(999)));
        Assert.Equal(7u, await meta.ReadHashAsync(new Address("t")));

        await meta.BeginBatchAsync();
        await meta.WriteTimestampAsync(Cell(1), "after");
        await meta.RollbackBatchAsync();
        Assert.Equal("", await meta.ReadTimestampAsync(Cell(1)));
        Assert.Equal("before", await meta.ReadTimestampAsync(Cell(0)));
    }

    [Fact]
    public async Task A_rollback_removes_the_tables_and_rows_its_batch_created()
    {
        var meta = new MemoryMetaConnector(3);
        await meta.BeginBatchAsync();
        await meta.WriteTimestampAsync(Cell(0), "kept");
        await meta.WriteHashAsync(new Address("t"), 1);
        await meta.CommitBatchAsync();

        await meta.BeginBatchAsync();
        await meta.WriteTimestampAsync(new Address("new table", "r", "c"), "undone");
        await meta.WriteHashAsync(new Address("new table"), 5);
        await meta.WriteTimestampAsync(Cell(1), "undone");
        await meta.WriteTimestampAsync(new Address("t", "r1", "d"), "undone");
        await meta.WriteHashAsync(new Address("t", "r1"), 6);
        await meta.RollbackBatchAsync();

        Assert.Equal(["t"], await meta.ReadChildIdsAsync(Address.Root));
        Assert.Equal(["r0"], await meta.ReadChildIdsAsync(new Address("t")));
        Assert.Equal(0u, await meta.ReadHashAsync(new Address("new table")));
        Assert.Equal(0u, await meta.ReadHashAsync(new Address("t", "r1")));
        Assert.Equal(1u, await meta.ReadHashAsync(new Address("t")));
    }

    [Fact]
    public async Task A_row_emptied_and_filled_again_in_one_batch_comes_back_as_it_was()
    {
        var data = new MemoryDataConnector(3);
        await data.WriteAtomAsync(Cell(0), "original");

        await data.BeginBatchAsync();
        await data.RemoveAtomAsync(Cell(0));
        Assert.Empty(await data.ReadChildIdsAsync(Address.Root));
        await data.WriteAtomAsync(Cell(0), "replacement");
        await data.WriteAtomAsync(new Address("t", "r0", "other"), "added");
        await data.RollbackBatchAsync();

        Assert.Equal("original", await data.ReadAtomAsync(Cell(0)));
        Assert.Equal(["c"], (await data.ReadAtomsAsync(new Address("t", "r0"))).Keys);
    }
}
