using System.Text.Json;
using Synclets.Browser.Connectors.WebStorage;

namespace Synclets.Browser.Tests.Unit;

/// <summary>The nested-JSON form the Web Storage connectors keep, checked on .NET (the parts that need no browser).</summary>
public sealed class TreeJsonTests
{
    private static InvalidDataException Damaged(string what) => new(what);

    [Fact]
    public void Leaves_of_any_order_are_written_as_nested_objects_and_read_back()
    {
        var leaves = new Dictionary<Address, Atom>
        {
            [new("todos", "t2", "Title")] = "Fix the bike",
            [new("projects", "home", "Name")] = "Home",
            [new("todos", "t1", "Title")] = "Buy \"oat\" milk",
            [new("todos", "t1", "Done")] = true,
            [new("todos", "t1", "Rank")] = 2.5,
            [new("todos", "t1", "Note")] = Atom.Null,
        };

        var text = TreeJson.Write(leaves, 3, TreeJson.WriteAtom);

        Assert.Equal("""{"projects":{"home":{"Name":"Home"}},"todos":{"t1":{"Done":true,"Note":null,"Rank":2.5,"Title":"Buy \"oat\" milk"},"t2":{"Title":"Fix the bike"}}}""", text);
        var read = TreeJson.Read<Atom>(text, 3, TreeJson.ReadAtom, Damaged);
        Assert.Equal(leaves.OrderBy(pair => pair.Key.ToString()), read.OrderBy(pair => pair.Key.ToString()));
    }

    [Fact]
    public void Depth_one_and_an_empty_tree_are_flat_objects()
    {
        Assert.Equal("{}", TreeJson.Write(new Dictionary<Address, string>(), 2, (writer, value) => writer.WriteStringValue(value)));
        Assert.Equal("""{"a":"x","b":"y"}""", TreeJson.Write(new Dictionary<Address, string> { [new("b")] = "y", [new("a")] = "x" }, 1, (writer, value) => writer.WriteStringValue(value)));
        Assert.Empty(TreeJson.Read<string>("{}", 2, TreeJson.ReadTimestamp, Damaged));
    }

    [Theory]
    [InlineData("not json", "it is not JSON")]
    [InlineData("""{"todos":{"t1":"a row was expected"}}""", "'todos/t1' is a String, where an object of ids was expected")]
    [InlineData("""{"todos":{"t1":{"Title":{"deeper":1}}}}""", "'todos/t1/Title' holds Object, which is not a leaf value")]
    [InlineData("[]", "'(root)' is a Array")]
    public void Text_that_is_not_a_tree_of_the_depth_is_named_as_damaged(string text, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => TreeJson.Read<Atom>(text, 3, TreeJson.ReadAtom, Damaged));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_must_be_a_string()
    {
        var error = Assert.Throws<InvalidDataException>(() => TreeJson.Read<string>("""{"a":42}""", 1, TreeJson.ReadTimestamp, Damaged));
        Assert.Contains("'a' holds Number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_are_escaped_as_JavaScript_escapes_them()
    {
        var text = TreeJson.Write(new Dictionary<Address, Atom> { [new("k")] = "line\nbreak \u2028 é <b>" }, 1, TreeJson.WriteAtom);
        Assert.Equal("line\nbreak \u2028 é <b>", JsonDocument.Parse(text).RootElement.GetProperty("k").GetString());
        Assert.Equal("{\"k\":\"line\\nbreak \u2028 é <b>\"}", text);
    }
}
