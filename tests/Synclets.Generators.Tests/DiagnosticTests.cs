using System.Globalization;
using Synclets.Generators.Tests.Support;

namespace Synclets.Generators.Tests;

/// <summary>One test per diagnostic: its id, exact message and span (marked [|…|]), and nothing generated for the type.</summary>
public class DiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using Synclets.Typed;

        namespace Sample;


        """;

    private const string Todo = """
        [Synclet]
        public partial record Todo([property: SyncletKey] string Id, string Title);

        """;

    [Fact]
    public void SYN001_type_is_not_partial() => AssertReports(
        """
        [Synclet]
        public record [|Todo|]([property: SyncletKey] string Id, string Title);
        """,
        "SYN001",
        "The [Synclet] type 'Todo' must be declared partial",
        "Todo");

    [Fact]
    public void SYN002_record_of_depth_two_or_more_has_no_key() => AssertReports(
        """
        [Synclet([|Depth = 3|])]
        public partial record Settings(string Theme);
        """,
        "SYN002",
        "Record 'Settings' declares depth 3 but has no [SyncletKey] property; depth 3 needs 2 key(s)",
        "Settings");

    [Fact]
    public void SYN003_record_depth_disagrees_with_its_keys() => AssertReports(
        """
        [Synclet([|Depth = 3|])]
        public partial record Todo([property: SyncletKey] string Id, string Title);
        """,
        "SYN003",
        "'Todo' declares depth 3, but its keys imply depth 2 (1 key + 1)",
        "Todo");

    [Fact]
    public void SYN003_schema_depth_disagrees_with_its_tables_keys() => AssertReports(
        Todo + """
        [Synclet([|Depth = 2|])]
        public partial class Db
        {
            public partial SyncletTable<Todo> Todos { get; }
        }
        """,
        "SYN003",
        "'Db' declares depth 2, but its keys imply depth 3 (1 key per table + 2)",
        "Db");

    [Fact]
    public void SYN004_unsupported_property_type() => AssertReports(
        """
        [Synclet]
        public partial record Todo([property: SyncletKey] string Id, [|List<string>|] Tags);
        """,
        "SYN004",
        "Property 'Todo.Tags' has type 'System.Collections.Generic.List<string>', which a synclet column cannot hold; use string, bool, an integer type, float, double, decimal, Guid, DateTime, DateTimeOffset, TimeSpan, an enum or one of their nullables, or mark it [SyncletIgnore]",
        "Todo");

    [Fact]
    public void SYN005_duplicate_column_name() => AssertReports(
        """
        [Synclet]
        public partial record Todo([property: SyncletKey] string Id, string Title, [property: SyncletColumn("Title")] string [|Heading|]);
        """,
        "SYN005",
        "Column name 'Title' of 'Todo' is used by both 'Title' and 'Heading'; give one of them another name with [SyncletColumn]",
        "Todo");

    [Fact]
    public void SYN006_schema_tables_with_different_key_counts() => AssertReports(
        Todo + """
        [Synclet]
        public partial record Reading([property: SyncletKey] string Site, [property: SyncletKey] int Sensor, double Value);

        [Synclet]
        public partial class Db
        {
            public partial SyncletTable<Todo> Todos { get; }

            public partial SyncletTable<Reading> [|Readings|] { get; }
        }
        """,
        "SYN006",
        "Table 'Readings' of schema 'Db' has 2 key(s), but table 'Todos' has 1; all tables of a schema must have the same number of keys",
        "Db");

    [Fact]
    public void SYN007_key_type_cannot_be_an_id() => AssertReports(
        """
        [Synclet]
        public partial record Todo([property: SyncletKey] [|double|] Id, string Title);
        """,
        "SYN007",
        "Key 'Todo.Id' has type 'double', which cannot be an id; a key must be a string, an integer type, a Guid or an enum, and not nullable",
        "Todo");

    [Fact]
    public void SYN007_key_type_that_cannot_be_an_id() => AssertReports(
        """
        [Synclet]
        public partial record Todo([property: SyncletKey] [|double|] Id, string Title);
        """,
        "SYN007",
        "Key 'Todo.Id' has type 'double', which cannot be an id; a key must be a string, an integer type, a Guid or an enum, and not nullable",
        "Todo");

    [Theory]
    [InlineData("int?")]
    [InlineData("string?")]
    [InlineData("System.Guid?")]
    public void SYN017_nullable_key_and_nothing_else(string type) => AssertReports(
        $"""
        [Synclet]
        public partial record Todo([property: SyncletKey] [|{type}|] Id, string Title);
        """,
        "SYN017",
        $"Key 'Todo.Id' has the nullable type '{type}'; a key is its row's id in the tree and is never null, so remove the '?'",
        "Todo");

    [Theory]
    [InlineData("public partial struct [|Point|] { public int X { get; set; } }", "a struct")]
    [InlineData("public partial record struct [|Point|](int X);", "a record struct")]
    [InlineData("public partial interface [|Point|] { int X { get; } }", "an interface")]
    public void SYN008_not_a_record_or_class(string declaration, string kind) => AssertReports(
        "[Synclet]\n" + declaration,
        "SYN008",
        $"[Synclet] is on 'Point', which is {kind}; it applies only to records and classes",
        "Point");

    [Theory]
    [InlineData("public partial SyncletTable<Note> [|Notes|] { get; }", "'Sample.Note' is not a [Synclet] record")]
    [InlineData("public SyncletTable<Todo> [|Notes|] { get; } = null!;", "it must be an instance property declared partial, with a getter only")]
    [InlineData("public partial SyncletTable<Todo> [|Notes|] { get; set; }", "it must be an instance property declared partial, with a getter only")]
    [InlineData("public partial SyncletTable<Todo>? [|Notes|] { get; }", "its type must not be nullable")]
    [InlineData("public partial SyncletTable<Db> [|Notes|] { get; }", "'Db' is a schema, not a record")]
    [InlineData("public partial List<Todo> [|Notes|] { get; }", "its type must be SyncletTable<T> of a [Synclet] record")]
    public void SYN009_schema_property_is_not_a_table(string property, string problem) => AssertReports(
        Todo + $$"""
        public sealed class Note
        {
        }

        [Synclet]
        public partial class Db
        {
            public partial SyncletTable<Todo> Todos { get; }

            {{property}}
        }
        """,
        "SYN009",
        $"Property 'Notes' of schema 'Db' cannot be a table: {problem}",
        "Db");

    [Fact]
    public void SYN010_nested_type() => AssertReports(
        """
        public partial class Outer
        {
            [Synclet]
            public partial record [|Todo|]([property: SyncletKey] string Id, string Title);
        }
        """,
        "SYN010",
        "'Todo' is nested in 'Outer'; [Synclet] types must be declared directly in a namespace",
        "Todo");

    [Fact]
    public void SYN011_generic_type() => AssertReports(
        """
        [Synclet]
        public partial record [|Box|]<T>([property: SyncletKey] string Id, string Title);
        """,
        "SYN011",
        "'Box' is generic; [Synclet] types cannot have type parameters",
        "Box");

    [Fact]
    public void SYN012_property_cannot_be_set() => AssertReports(
        """
        [Synclet]
        public partial record Todo([property: SyncletKey] string Id)
        {
            public string [|Title|] { get; private set; } = "";
        }
        """,
        "SYN012",
        "Property 'Todo.Title' cannot be set when a row is read; give it a setter or init accessor or a constructor parameter of the same name, or mark it [SyncletIgnore]",
        "Todo");

    [Fact]
    public void SYN013_no_usable_constructor() => AssertReports(
        """
        [Synclet]
        public abstract partial record [|Todo|]([property: SyncletKey] string Id, string Title);
        """,
        "SYN013",
        "'Todo' has no constructor a read row can be built with; declare a primary constructor, a public parameterless constructor or a single public constructor",
        "Todo");

    [Fact]
    public void SYN014_constructor_parameter_matches_no_property() => AssertReports(
        """
        [Synclet]
        public partial class Todo
        {
            public Todo(string id, int [|extra|])
            {
                Id = id;
            }

            [SyncletKey]
            public string Id { get; }

            public string Title { get; set; } = "";
        }
        """,
        "SYN014",
        "Constructor parameter 'extra' of 'Todo' matches no synced property; name it after a property or give it a default value",
        "Todo");

    [Fact]
    public void SYN015_record_without_value_columns() => AssertReports(
        """
        [Synclet]
        public partial record [|Tag|]([property: SyncletKey] string Name);
        """,
        "SYN015",
        "Record 'Tag' has no value columns; a row is stored as its columns, so it needs a synced property that is not a key",
        "Tag");

    [Fact]
    public void SYN016_duplicate_table_id() => AssertReports(
        Todo + """
        [Synclet]
        public partial class Db
        {
            [SyncletTable("todos")]
            public partial SyncletTable<Todo> Open { get; }

            [SyncletTable("todos")]
            public partial SyncletTable<Todo> [|Done|] { get; }
        }
        """,
        "SYN016",
        "Table id 'todos' of schema 'Db' is used by both 'Open' and 'Done'; give one of them another id with [SyncletTable]",
        "Db");

    [Fact]
    public void A_schema_over_a_record_with_errors_generates_nothing_and_reports_only_the_record()
    {
        var result = GeneratorHarness.Run(Prelude + """
            [Synclet]
            public partial record Todo([property: SyncletKey] string Id, List<string> Tags);

            [Synclet]
            public partial class Db
            {
                public partial SyncletTable<Todo> Todos { get; }
            }
            """);

        Assert.Equal("SYN004", Assert.Single(result.Diagnostics).Id);
        Assert.Equal(["Sample.Db.Stub.g.cs"], result.GeneratedSources.Select(generated => generated.HintName));   // table bodies that throw, nothing else
    }

    [Fact]
    public void Unknown_types_are_left_to_the_compiler_and_nothing_is_generated()
    {
        var result = GeneratorHarness.Run(Prelude + """
            [Synclet]
            public partial record Todo([property: SyncletKey] string Id, Missing Title);

            [Synclet]
            public partial class Db
            {
                public partial SyncletTable<AlsoMissing> Todos { get; }
            }
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }

    private static void AssertReports(string markup, string id, string message, string typeWithErrors)
    {
        var (source, span) = SourceMarkup.Parse(Prelude + markup);
        var (result, compilerErrors) = GeneratorHarness.RunAndCompile(source);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Input0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(source[span.Start..span.End], source[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(result.GeneratedSources, generated => generated.HintName == $"Sample.{typeWithErrors}.g.cs");

        // The diagnostic is the whole story: no "partial member has no implementation" error beside it.
        Assert.DoesNotContain(compilerErrors, error => error.Id == MissingImplementation);
    }

    /// <summary>CS9248: a partial property declared but never implemented.</summary>
    private const string MissingImplementation = "CS9248";
}
