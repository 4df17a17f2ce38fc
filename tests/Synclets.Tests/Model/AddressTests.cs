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
}
