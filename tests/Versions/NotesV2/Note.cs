using Synclets.Typed;

namespace Notes;

/// <summary>
/// A note as the second version knows it: <c>Tag</c> is new and nullable, so tables and peers of
/// the first version take it; <c>Stars</c> is gone, and its column and atoms are left alone.
/// </summary>
[Synclet(Depth = 2)]
public partial record Note([property: SyncletKey] string Id, string Title, string? Tag);

/// <summary>A later version that adds a property that cannot be null: an existing table needs a deliberate change first.</summary>
[Synclet(Depth = 2)]
[SyncletTable("Note")]
public partial record RankedNote([property: SyncletKey] string Id, string Title, int Rank);

/// <summary>A later version that adds a property with a default: rows written before it read the default.</summary>
[Synclet(Depth = 2)]
[SyncletTable("Note")]
public partial record WeightedNote([property: SyncletKey] string Id, string Title, int Weight = 5);
