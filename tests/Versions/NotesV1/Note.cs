using Synclets.Typed;

namespace Notes;

/// <summary>A note as the first version of an app knows it.</summary>
[Synclet(Depth = 2)]
public partial record Note([property: SyncletKey] string Id, string Title, int? Stars);
