using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>
/// Emits the name conversions of one enum as switches: no Enum.Parse or Enum.GetName, which
/// reflect and are neither trim- nor AOT-friendly.
/// </summary>
internal static class EnumEmitter
{
    public static void Emit(SourceWriter writer, EnumModel model)
    {
        writer.OpenBlock($"internal static string {model.Helper}ToName({model.TypeName} value) => value switch");
        foreach (var name in model.CanonicalNames)
        {
            writer.WriteLine($"{model.TypeName}.{Identifiers.Escape(name)} => {Identifiers.Literal(name)},");
        }

        var message = Identifiers.Literal(Identifiers.Readable(model.TypeName) + " has no member with this value, so it has no name to sync.");
        writer.WriteLine($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, {message}),");
        writer.CloseBlock(";");
        writer.WriteLine();

        writer.OpenBlock($"internal static bool TryParse{model.Helper}Name(string name, out {model.TypeName} value)");
        writer.OpenBlock("switch (name)");
        foreach (var name in model.Names)
        {
            writer.WriteLine($"case {Identifiers.Literal(name)}: value = {model.TypeName}.{Identifiers.Escape(name)}; return true;");
        }

        writer.WriteLine("default: value = default; return false;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();
    }
}
