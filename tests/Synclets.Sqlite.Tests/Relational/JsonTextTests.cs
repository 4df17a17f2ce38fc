using Synclets.Relational;
using Synclets.Wire;

namespace Synclets.Sqlite.Tests.Relational;

/// <summary>Atoms and addresses as the tree tables store them: JSON text that reads back to the same value.</summary>
public sealed class JsonTextTests
{
    public static TheoryData<Atom, string> Atoms => new()
    {
        { Atom.Null, "null" },
        { true, "true" },
        { false, "false" },
        { 42, "42" },
        { long.MinValue, "-9223372036854775808" },
        { 1.5, "1.5" },
        // Numbers as JavaScript writes them, like the wire's JSON: the same text whichever Synclets wrote it.
        { 1e21, "1e+21" },
        { 1e20, "100000000000000000000" },
        { -0.000001, "-0.000001" },
        { 1e-7, "1e-7" },
        { 0.1 + 0.2, "0.30000000000000004" },
        { "plain", "\"plain\"" },
        { "quote \" backslash \\ slash /", "\"quote \\\" backslash \\\\ slash /\"" },
        { "control \n\t\u0001", "\"control \\n\\t\\u0001\"" },
        { "unicode é 日本 🎉", "\"unicode é 日本 🎉\"" },
        { string.Empty, "\"\"" },
    };

    [Theory]
    [MemberData(nameof(Atoms))]
    public void Atoms_are_stored_as_JSON_and_read_back(Atom atom, string json)
    {
        Assert.Equal(json, JsonText.Atom(atom));
        Assert.Equal(atom, JsonText.ParseAtom(json));
    }

    [Fact]
    public void An_integral_double_reads_back_as_the_equal_integer()
    {
        Assert.Equal("2", JsonText.Atom(2.0));
        Assert.Equal(AtomKind.Integer, JsonText.ParseAtom("2").Kind);
        Assert.Equal((Atom)2.0, JsonText.ParseAtom("2"));
    }

    [Fact]
    public void A_lone_surrogate_is_escaped_and_survives()
    {
        var atom = (Atom)"a\ud800b";
        Assert.Equal("\"a\\ud800b\"", JsonText.Atom(atom));
        Assert.Equal(atom, JsonText.ParseAtom(JsonText.Atom(atom)));
    }

    [Fact]
    public void Addresses_are_keyed_by_their_JSON_array()
    {
        Assert.Equal("[]", JsonText.Address(Address.Root));
        Assert.Equal("[\"a\",\"\",\"x\\\"y\"]", JsonText.Address(new Address("a", string.Empty, "x\"y")));
        Assert.NotEqual(JsonText.Address(new Address("a/b")), JsonText.Address(new Address("a", "b")));
    }

    [Fact]
    public void Text_that_is_not_an_atom_is_a_format_error() =>
        Assert.Throws<FormatException>(() => JsonText.ParseAtom("{\"object\":1}"));
}
