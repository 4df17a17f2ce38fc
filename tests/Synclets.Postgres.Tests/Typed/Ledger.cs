using Synclets.Typed;

namespace Synclets.Postgres.Tests.Typed;

/// <summary>A table keyed by a <see cref="ulong"/>, which PostgreSQL keeps in a numeric key column.</summary>
[Synclet(Depth = 2)]
public partial record Ledger([property: SyncletKey] ulong Number, string Note);
