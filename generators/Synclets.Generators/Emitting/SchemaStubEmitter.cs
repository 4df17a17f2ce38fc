using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>
/// Emits the table properties of a schema with errors as bodies that throw: the diagnostics say
/// what to fix, and without bodies the compiler would add a missing-implementation error per table.
/// </summary>
internal static class SchemaStubEmitter
{
    public static string Emit(SchemaStubModel stub)
    {
        var writer = GeneratedCode.StartFile();
        GeneratedCode.OpenNamespace(writer, stub.Type.Namespace);
        writer.OpenBlock($"partial {stub.TypeKeyword} {stub.Type.Name}");
        var message = Identifiers.Literal($"The schema {stub.Type.Name} has errors (see the SYN diagnostics of the build), so its tables were not generated.");
        foreach (var property in stub.Properties)
        {
            writer.WriteLine(GeneratedCode.Attribute);
            writer.OpenBlock($"{property.Accessibility} {(property.IsStatic ? "static " : string.Empty)}partial {property.TypeName} {Identifiers.Escape(property.Name)}");
            if (property.HasGetter)
            {
                writer.WriteLine($"get => throw new global::System.InvalidOperationException({message});");
            }

            if (property.Setter.Length > 0)
            {
                writer.WriteLine($"{property.Setter} => throw new global::System.InvalidOperationException({message});");
            }

            writer.CloseBlock();
        }

        writer.CloseBlock();
        GeneratedCode.CloseNamespace(writer, stub.Type.Namespace);
        return writer.ToString();
    }
}
