using Synclets.Typed;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>A hand-written map of a todo table: <c>id</c> key, a title, a done flag, a priority and a score.</summary>
public sealed class TodoMap : ISyncletTableMap
{
    public static TodoMap Instance { get; } = new();

    public string TableName => "todos";

    public IReadOnlyList<SyncletColumn> KeyColumns { get; } = [new("id", SyncletColumnType.Text, false)];

    public IReadOnlyList<SyncletColumn> ValueColumns { get; } =
    [
        new("title", SyncletColumnType.Text, false),
        new("done", SyncletColumnType.Boolean, false),
        new("priority", SyncletColumnType.Integer, true),
        new("score", SyncletColumnType.Real, true),
    ];

    public string Fingerprint => "todos-1";

    public bool AcceptsKey(int keyIndex, string id) => keyIndex == 0;

    public bool AcceptsValue(string columnName, Atom atom) =>
        ValueColumns.FirstOrDefault(column => column.Name == columnName) is { } column && column.Accepts(atom);
}
