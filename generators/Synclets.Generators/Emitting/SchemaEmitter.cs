using System.Collections.Generic;
using System.Linq;
using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>
/// Emits the file of a [Synclet] schema: the partial class's tables bound to a synclet, its
/// schema, and <c>{Schema}Synclet</c> holding it.
/// </summary>
internal static class SchemaEmitter
{
    // Members of SchemaSynclet and of the generated synclet: a table of one of these names is reached through Db only.
    private static readonly HashSet<string> TakenNames =
        ["Synclet", "SchemaRejections", "StartAsync", "StopAsync", "SyncAsync", "DisposeAsync", "Db", "CreateAsync", "Equals", "GetHashCode", "GetType", "ToString"];

    public static string Emit(SchemaModel schema)
    {
        var writer = GeneratedCode.StartFile();
        GeneratedCode.OpenNamespace(writer, schema.Type.Namespace);
        WritePartial(writer, schema);
        writer.WriteLine();
        WriteSynclet(writer, schema);
        GeneratedCode.CloseNamespace(writer, schema.Type.Namespace);
        return writer.ToString();
    }

    private static void WritePartial(SourceWriter writer, SchemaModel schema)
    {
        var type = schema.Type.FullyQualifiedName;
        writer.OpenBlock($"partial {schema.TypeKeyword} {schema.Type.Name}");
        foreach (var table in schema.Tables)
        {
            writer.WriteLine(GeneratedCode.Attribute);
            writer.WriteLine($"private readonly global::Synclets.Typed.SyncletTable<{table.RecordTypeName}>? {Field(table)};");
        }

        writer.WriteLine();
        writer.Summary($"The tables of <see cref=\"{type}\"/> under their ids: addresses are [table, key…, column], depth {schema.Depth}.");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.WriteLine("public static readonly global::Synclets.Typed.SyncletSchema Schema = global::Synclets.Typed.SyncletSchema.ForTables(");
        writer.Indentation++;
        writer.WriteLine("new global::System.Collections.Generic.Dictionary<string, global::Synclets.Typed.ISyncletTableMap>(global::System.StringComparer.Ordinal)");
        writer.WriteLine("{");
        writer.Indentation++;
        foreach (var table in schema.Tables)
        {
            writer.WriteLine($"[{Identifiers.Literal(table.TableId)}] = {table.MapTypeName}.Instance,");
        }

        writer.Indentation--;
        writer.WriteLine("});");
        writer.Indentation--;
        writer.WriteLine();

        writer.Summary($"Binds the tables of <see cref=\"{type}\"/> to <paramref name=\"synclet\"/>, which must have depth {schema.Depth}.");
        writer.WriteLine("/// <param name=\"synclet\">The synclet holding the tables.</param>");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.OpenBlock($"public {schema.Type.Name}(global::Synclets.Synclet synclet)");
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(synclet);");
        foreach (var table in schema.Tables)
        {
            writer.WriteLine($"{Field(table)} = new global::Synclets.Typed.SyncletTable<{table.RecordTypeName}>(synclet, new global::Synclets.Address({Identifiers.Literal(table.TableId)}), {table.MapTypeName}.Instance);");
        }

        writer.CloseBlock();
        foreach (var table in schema.Tables)
        {
            // No doc comment: the user's declaration carries it, and a comment here would replace theirs.
            var message = Identifiers.Literal($"This {schema.Type.Name} was not created from a synclet; use new {schema.Type.Name}(synclet) or {schema.SyncletName}.CreateAsync.");
            writer.WriteLine();
            writer.WriteLine(GeneratedCode.Attribute);
            writer.WriteLine($"{table.PropertyAccessibility} partial global::Synclets.Typed.SyncletTable<{table.RecordTypeName}> {Identifiers.Escape(table.PropertyName)} =>");
            writer.Indentation++;
            writer.WriteLine($"{Field(table)} ?? throw new global::System.InvalidOperationException({message});");
            writer.Indentation--;
        }

        writer.CloseBlock();
    }

    private static void WriteSynclet(SourceWriter writer, SchemaModel schema)
    {
        var type = schema.Type.FullyQualifiedName;
        writer.Summary($"A synclet holding the <see cref=\"{type}\"/> schema: addresses are [table, key…, column], depth {schema.Depth}.");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.OpenBlock($"{schema.Type.Accessibility} sealed partial class {schema.SyncletName} : global::Synclets.Typed.SchemaSynclet");
        writer.WriteLine($"private {schema.SyncletName}(global::Synclets.Synclet synclet, global::Synclets.Typed.SchemaGuard guard)");
        writer.Indentation++;
        writer.WriteLine(": base(synclet, guard)");
        writer.Indentation--;
        writer.WriteLine("{");
        writer.Indentation++;
        writer.WriteLine($"Db = new {type}(synclet);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.Summary($"The schema's tables.");
        writer.WriteLine($"public {type} Db {{ get; }}");
        foreach (var table in schema.Tables.Where(table => table.PropertyAccessibility is "public" or "internal" && !TakenNames.Contains(table.PropertyName)))
        {
            writer.WriteLine();
            writer.Summary($"The table <c>{Identifiers.Xml(table.TableId)}</c> of <see cref=\"{table.RecordTypeName}\"/> rows.");
            writer.WriteLine($"{table.PropertyAccessibility} global::Synclets.Typed.SyncletTable<{table.RecordTypeName}> {Identifiers.Escape(table.PropertyName)} => Db.{Identifiers.Escape(table.PropertyName)};");
        }

        writer.WriteLine();
        CreateAsyncEmitter.Emit(writer, schema.SyncletName, type + ".Schema", schema.Depth);
        writer.CloseBlock();
    }

    private static string Field(SchemaTableModel table) => "_synclet" + table.PropertyName;
}
