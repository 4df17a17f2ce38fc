namespace Synclets.Typed;

/// <summary>
/// What a column holds, independent of any store; relational connectors map each to their SQL
/// type, and the schema check accepts only atoms of the matching kind.
/// </summary>
public enum SyncletColumnType
{
    /// <summary>A string atom.</summary>
    Text,

    /// <summary>An integer atom (all integer types but <see cref="ulong"/>).</summary>
    Integer,

    /// <summary>A number atom (<see cref="float"/>, <see cref="double"/>).</summary>
    Real,

    /// <summary>A boolean atom.</summary>
    Boolean,

    /// <summary>An exact decimal number, as an invariant string atom (<see cref="decimal"/>, <see cref="ulong"/>).</summary>
    Decimal,

    /// <summary>A <see cref="Guid"/>, as a string atom.</summary>
    Uuid,

    /// <summary>A <see cref="System.DateTime"/>, as a round-trip ISO 8601 string atom.</summary>
    DateTime,

    /// <summary>A <see cref="System.DateTimeOffset"/>, as a round-trip ISO 8601 string atom.</summary>
    DateTimeOffset,

    /// <summary>A <see cref="TimeSpan"/>, as an invariant constant-format string atom.</summary>
    Duration,

    /// <summary>An enum value, as a string atom holding its name.</summary>
    Enum,
}
