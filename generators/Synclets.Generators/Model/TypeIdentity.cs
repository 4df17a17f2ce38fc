namespace Synclets.Generators.Model;

/// <summary>Where a generated type lives and who may see it.</summary>
/// <param name="Namespace">The containing namespace; empty for the global namespace.</param>
/// <param name="Name">The simple type name.</param>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified name.</param>
/// <param name="Accessibility"><c>public</c> or <c>internal</c>, for the types generated beside it.</param>
internal sealed record TypeIdentity(string Namespace, string Name, string FullyQualifiedName, string Accessibility)
{
    /// <summary>The hint name of the generated file: <c>{Namespace}.{Type}.g.cs</c>.</summary>
    public string HintName => HintNameWith(string.Empty);

    /// <summary>The hint name of another file generated for the type: <c>{Namespace}.{Type}.{part}.g.cs</c>.</summary>
    public string HintNameWith(string part) =>
        (Namespace.Length == 0 ? Name : Namespace + "." + Name) + (part.Length == 0 ? string.Empty : "." + part) + ".g.cs";

    /// <summary>The <c>global::</c>-qualified name of a type generated beside this one.</summary>
    public string Sibling(string name) => Namespace.Length == 0 ? "global::" + name : "global::" + Namespace + "." + name;
}
