namespace Synclets.Tests.Model;

public class AddressTests
{
    [Fact]
    public void Has_value_equality_and_a_slash_separated_form()
    {
        var address = new Address("todos", "t1", "title");
        Assert.Equal(new Address("todos", "t1", "title"), address);
        Assert.NotEqual(new Address("todos", "t1"), address);
        Assert.Equal("todos/t1/title", address.ToString());
        Assert.Equal(new Address("todos", "t1"), address.Parent);
        Assert.Equal(address, address.Parent.Append("title"));
        Assert.Equal(Address.Root, address.Take(0));
        Assert.True(Address.Root.IsRoot);
        Assert.Equal("", Address.Root.ToString());
    }

    [Fact]
    public void Ids_are_copied_so_the_caller_cannot_change_an_address()
    {
        var ids = new[] { "a", "b" };
        var address = new Address(ids);
        ids[0] = "z";
        Assert.Equal("a", address[0]);
    }

    [Fact]
    public void Empty_ids_are_ids()
    {
        var address = new Address("", "");
        Assert.Equal(2, address.Count);
        Assert.NotEqual(new Address(""), address);
    }

    [Fact]
    public void An_ancestor_is_the_address_of_its_own_ids()
    {
        var leaf = new Address("todos", "t1", "title");
        var row = leaf.Parent;
        var table = leaf.Take(1);

        Assert.Equal(new Address("todos", "t1"), row);
        Assert.Equal(new Address("todos", "t1").GetHashCode(), row.GetHashCode());
        Assert.Equal(new Address("todos").GetHashCode(), table.GetHashCode());
        Assert.Equal(2, row.Count);
        Assert.Equal("t1", row.LastId);
        Assert.Equal(["todos", "t1"], row);
        Assert.Equal(2, row.AsSpan().Length);
        Assert.Equal("todos/t1", row.ToString());
        Assert.Throws<IndexOutOfRangeException>(() => row[2]);
        Assert.Equal(table, row.Parent);
        Assert.True(leaf.StartsWith(row));
        Assert.False(row.StartsWith(leaf));
    }

    [Fact]
    public void A_sibling_built_from_an_ancestor_leaves_the_original_alone()
    {
        var leaf = new Address("todos", "t1", "title");
        var sibling = leaf.Parent.Append("done");

        Assert.Equal(new Address("todos", "t1", "done"), sibling);
        Assert.Equal(new Address("todos", "t1", "title"), leaf);
    }

    [Fact]
    public void Taking_a_negative_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Address("a").Take(-1));
        Assert.Equal(new Address("a"), new Address("a").Take(5));
    }
}
