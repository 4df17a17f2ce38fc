using Synclets.Typed;

namespace Synclets.Tests.Typed.Conformance;

// The conformance scenarios write these leaf ids, each always with one kind of value, so typed
// synclets of depths 1 to 4 can run them: the values, a table, and schemas of one- and two-key rows.

/// <summary>Depth 1: the scenario's leaves are this record's columns.</summary>
[Synclet(Depth = 1)]
public partial record ScenarioValues(
    [property: SyncletColumn("a")] string? A,
    [property: SyncletColumn("b")] long? B,
    [property: SyncletColumn("flag")] bool? Flag,
    [property: SyncletColumn("ratio")] double? Ratio,
    [property: SyncletColumn("note")] string? Note,
    [property: SyncletColumn("contested")] string? Contested,
    [property: SyncletColumn("online")] string? Online,
    [property: SyncletColumn("own0")] long? Own0,
    [property: SyncletColumn("own1")] long? Own1,
    [property: SyncletColumn("own2")] long? Own2,
    [property: SyncletColumn("own3")] long? Own3,
    [property: SyncletColumn("own4")] long? Own4,
    [property: SyncletColumn("own5")] long? Own5,
    [property: SyncletColumn("own6")] long? Own6,
    [property: SyncletColumn("own7")] long? Own7,
    [property: SyncletColumn("own8")] long? Own8,
    [property: SyncletColumn("own9")] long? Own9);

/// <summary>Depth 2 as a table, and the rows of the depth-3 schema.</summary>
[Synclet(Depth = 2)]
public partial record ScenarioRow(
    [property: SyncletKey] string Key,
    [property: SyncletColumn("a")] string? A,
    [property: SyncletColumn("b")] long? B,
    [property: SyncletColumn("flag")] bool? Flag,
    [property: SyncletColumn("ratio")] double? Ratio,
    [property: SyncletColumn("note")] string? Note,
    [property: SyncletColumn("contested")] string? Contested,
    [property: SyncletColumn("online")] string? Online,
    [property: SyncletColumn("own0")] long? Own0,
    [property: SyncletColumn("own1")] long? Own1,
    [property: SyncletColumn("own2")] long? Own2,
    [property: SyncletColumn("own3")] long? Own3,
    [property: SyncletColumn("own4")] long? Own4,
    [property: SyncletColumn("own5")] long? Own5,
    [property: SyncletColumn("own6")] long? Own6,
    [property: SyncletColumn("own7")] long? Own7,
    [property: SyncletColumn("own8")] long? Own8,
    [property: SyncletColumn("own9")] long? Own9);

/// <summary>The rows of the depth-4 schema: two keys.</summary>
[Synclet(Depth = 3)]
public partial record ScenarioPairRow(
    [property: SyncletKey] string Outer,
    [property: SyncletKey] string Inner,
    [property: SyncletColumn("a")] string? A,
    [property: SyncletColumn("b")] long? B,
    [property: SyncletColumn("flag")] bool? Flag,
    [property: SyncletColumn("ratio")] double? Ratio,
    [property: SyncletColumn("note")] string? Note,
    [property: SyncletColumn("contested")] string? Contested,
    [property: SyncletColumn("online")] string? Online,
    [property: SyncletColumn("own0")] long? Own0,
    [property: SyncletColumn("own1")] long? Own1,
    [property: SyncletColumn("own2")] long? Own2,
    [property: SyncletColumn("own3")] long? Own3,
    [property: SyncletColumn("own4")] long? Own4,
    [property: SyncletColumn("own5")] long? Own5,
    [property: SyncletColumn("own6")] long? Own6,
    [property: SyncletColumn("own7")] long? Own7,
    [property: SyncletColumn("own8")] long? Own8,
    [property: SyncletColumn("own9")] long? Own9);

/// <summary>Depth 3: one table per scenario branch.</summary>
[Synclet(Depth = 3)]
public partial class ScenarioDb
{
    [SyncletTable("b0")]
    public partial SyncletTable<ScenarioRow> B0 { get; }

    [SyncletTable("b1")]
    public partial SyncletTable<ScenarioRow> B1 { get; }

    [SyncletTable("left")]
    public partial SyncletTable<ScenarioRow> Left { get; }

    [SyncletTable("right")]
    public partial SyncletTable<ScenarioRow> Right { get; }
}

/// <summary>Depth 4: one table of two-key rows per scenario branch.</summary>
[Synclet(Depth = 4)]
public partial class ScenarioPairDb
{
    [SyncletTable("b0")]
    public partial SyncletTable<ScenarioPairRow> B0 { get; }

    [SyncletTable("b1")]
    public partial SyncletTable<ScenarioPairRow> B1 { get; }

    [SyncletTable("left")]
    public partial SyncletTable<ScenarioPairRow> Left { get; }

    [SyncletTable("right")]
    public partial SyncletTable<ScenarioPairRow> Right { get; }
}
