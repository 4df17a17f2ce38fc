using Synclets.Typed;

namespace Synclets.Conformance.Typed;

/// <summary>
/// Hand-written table maps (the shape the generator emits) for the conformance scenarios' leaf ids,
/// each always holding one kind of value; rows have one key (depths 2 and 3) or two (depth 4).
/// </summary>
public sealed class ScenarioMap : ISyncletTableMap
{
    private static readonly SyncletColumn[] Values =
    [
        new("a", SyncletColumnType.Text, true),
        new("b", SyncletColumnType.Integer, true),
        new("flag", SyncletColumnType.Boolean, true),
        new("ratio", SyncletColumnType.Real, true),
        new("note", SyncletColumnType.Text, true),
        new("contested", SyncletColumnType.Text, true),
        new("online", SyncletColumnType.Text, true),
        .. Enumerable.Range(0, 10).Select(i => new SyncletColumn("own" + i, SyncletColumnType.Integer, true)),
    ];

    private ScenarioMap(string tableName, params string[] keys)
    {
        TableName = tableName;
        KeyColumns = [.. keys.Select(key => new SyncletColumn(key, SyncletColumnType.Text, false))];
    }

    /// <summary>Rows with one key: the depth-2 table and the depth-3 schema's tables.</summary>
    public static ScenarioMap Row { get; } = new("scenario_rows", "key");

    /// <summary>Rows with two keys: the depth-4 schema's tables.</summary>
    public static ScenarioMap PairRow { get; } = new("scenario_pairs", "outer", "inner");

    /// <summary>The depth-3 schema: one table per scenario branch.</summary>
    public static SyncletSchema Db { get; } = SyncletSchema.ForTables(Branches(Row));

    /// <summary>The depth-4 schema: one two-key table per scenario branch.</summary>
    public static SyncletSchema PairDb { get; } = SyncletSchema.ForTables(Branches(PairRow));

    public string TableName { get; }

    public IReadOnlyList<SyncletColumn> KeyColumns { get; }

    public IReadOnlyList<SyncletColumn> ValueColumns => Values;

    public string Fingerprint => "scenario-" + KeyColumns.Count;

    public bool AcceptsKey(int keyIndex, string id) => keyIndex < KeyColumns.Count;

    public bool AcceptsValue(string columnName, Atom atom) =>
        Values.FirstOrDefault(column => column.Name == columnName) is { } column && column.Accepts(atom);

    private static Dictionary<string, ISyncletTableMap> Branches(ScenarioMap map) =>
        new[] { "b0", "b1", "left", "right" }.ToDictionary(id => id, _ => (ISyncletTableMap)map);

    /// <summary>The schema the scenarios use at <paramref name="depth"/>: null at depth 1, which has no keys to make a table of.</summary>
    public static SyncletSchema? SchemaFor(int depth) => depth switch
    {
        2 => SyncletSchema.ForTable(Row),
        3 => Db,
        4 => PairDb,
        _ => null,
    };
}
