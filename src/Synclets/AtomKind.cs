namespace Synclets;

/// <summary>The kind of value an <see cref="Atom"/> holds.</summary>
public enum AtomKind
{
    /// <summary>The JSON <c>null</c> value (a real value, not a deletion).</summary>
    Null,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>An integral number, held as <see cref="long"/>.</summary>
    Integer,

    /// <summary>A finite, non-integral (or out of <see cref="long"/> range) number.</summary>
    Double,

    /// <summary>A string.</summary>
    String,
}
