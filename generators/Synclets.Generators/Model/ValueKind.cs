namespace Synclets.Generators.Model;

/// <summary>The .NET types a column can hold; each has one atom conversion and one MessagePack encoding.</summary>
internal enum ValueKind
{
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTime,
    DateTimeOffset,
    TimeSpan,
    Enum,
}
