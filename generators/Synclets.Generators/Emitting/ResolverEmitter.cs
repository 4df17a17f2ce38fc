using System.Collections.Generic;
using System.Linq;
using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>
/// Emits <c>Synclets.Generated.SyncletFormatterResolver</c>: one resolver per compilation for the
/// formatters of all its records, internal so that assemblies never clash.
/// </summary>
internal static class ResolverEmitter
{
    public const string HintName = "Synclets.Generated.SyncletFormatterResolver.g.cs";

    public static string Emit(IEnumerable<FormatterRegistration> registrations)
    {
        var writer = GeneratedCode.StartFile();
        writer.OpenBlock("namespace Synclets.Generated");
        writer.Summary("Resolves the generated MessagePack formatters of this assembly's [Synclet] records; null for any other type, so it composes with other resolvers.");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.OpenBlock("internal sealed class SyncletFormatterResolver : global::MessagePack.IFormatterResolver");
        writer.Summary("The shared instance.");
        writer.WriteLine("public static readonly SyncletFormatterResolver Instance = new SyncletFormatterResolver();");
        writer.WriteLine();
        writer.WriteLine("private SyncletFormatterResolver()");
        writer.WriteLine("{");
        writer.WriteLine("}");
        writer.WriteLine();
        writer.InheritDoc();
        writer.WriteLine("public global::MessagePack.Formatters.IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;");
        writer.WriteLine();

        // Comparing types once per T (in the static cache) keeps lookups free of reflection and AOT-safe.
        writer.OpenBlock("private static object? Create(global::System.Type type)");
        foreach (var registration in registrations.OrderBy(registration => registration.RecordTypeName, System.StringComparer.Ordinal))
        {
            writer.OpenBlock($"if (type == typeof({registration.RecordTypeName}))");
            writer.WriteLine($"return {registration.FormatterTypeName}.Instance;");
            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.WriteLine("return null;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.OpenBlock("private static class Cache<T>");
        writer.WriteLine("public static readonly global::MessagePack.Formatters.IMessagePackFormatter<T>? Formatter = (global::MessagePack.Formatters.IMessagePackFormatter<T>?)Create(typeof(T));");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
