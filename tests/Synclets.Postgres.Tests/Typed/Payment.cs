using Synclets.Typed;

namespace Synclets.Postgres.Tests.Typed;

/// <summary>A row of every type PostgreSQL stores natively beyond text, integers, booleans and numbers.</summary>
[Synclet(Depth = 2)]
public partial record Payment(
    [property: SyncletKey] Guid Id,
    decimal Amount,
    ulong Units,
    DateTimeOffset PaidAt,
    DateTime? BookedOn,
    TimeSpan Duration,
    string Note);
