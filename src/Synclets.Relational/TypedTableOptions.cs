namespace Synclets.Relational;

/// <summary>How typed tables are named and where the synclet keeps its own copy of the atoms (a store may add its own options by deriving).</summary>
public record TypedTableOptions
{
    /// <summary>
    /// Names of the tree tables beside the typed ones: the data table holds the atoms as the synclet
    /// last wrote or adopted them (what tells an absent cell from a null one, and what external
    /// changes are compared against); give the same options to the meta connector.
    /// </summary>
    public TreeTableOptions Tree { get; init; } = new();

    /// <summary>
    /// How often to look for rows other code changed (<see cref="RelationalTypedDataConnector.SyncChangedAsync"/>
    /// on a timer) while the connector is attached; null (the default) polls never: call it yourself.
    /// </summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>
    /// The schema the typed tables are in (default null: the connection's own). It must exist; the
    /// tree tables go where <see cref="Tree"/> says, so the synclet's bookkeeping can stay apart from the data.
    /// </summary>
    public string? Schema { get; init; }

    /// <summary>Put in front of every typed table's name (default none).</summary>
    public string TablePrefix { get; init; } = string.Empty;
}
