namespace Synclets.Generators.Model;

/// <summary>One synced property of a record: a key or a value column.</summary>
/// <param name="PropertyName">The C# property name.</param>
/// <param name="ColumnName">The column's id in the tree and its name in a relational table.</param>
/// <param name="Kind">What the property holds.</param>
/// <param name="IsNullable">A <c>Nullable&lt;T&gt;</c> or a nullable reference (<c>string?</c>).</param>
/// <param name="TypeName">The fully qualified type without the nullable marker (<c>int</c>, <c>global::Sample.Priority</c>).</param>
/// <param name="EnumHelper">For enums, the name stem of the generated name conversions (<c>Priority</c> → <c>PriorityToName</c>); else empty.</param>
/// <param name="SetByInitializer">Whether a read row sets the property in an object initializer (else a constructor argument does).</param>
internal sealed record ColumnModel(
    string PropertyName,
    string ColumnName,
    ValueKind Kind,
    bool IsNullable,
    string TypeName,
    string EnumHelper,
    bool SetByInitializer)
{
    /// <summary>The default its constructor parameter declares, as C# source, which a row without the atom reads; empty for none.</summary>
    public string DefaultValue { get; init; } = string.Empty;

    /// <summary>The property's type as written in generated code.</summary>
    public string DeclaredTypeName => IsNullable ? TypeName + "?" : TypeName;
}
