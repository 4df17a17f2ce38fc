using System.Linq;
using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>Emits <c>{Record}Synclet</c>: a synclet holding the record's table at its root, guarded by its schema.</summary>
internal static class TableSyncletEmitter
{
    public static void Emit(SourceWriter writer, RecordModel record)
    {
        var type = record.Type.FullyQualifiedName;
        var addresses = "[" + string.Join(", ", record.Keys.Select(key => Identifiers.Xml(key.ColumnName)).Concat(["column"])) + "]";
        writer.Summary($"A synclet holding <see cref=\"{type}\"/> {(record.Keys.IsEmpty ? "values" : "rows")} at its root: addresses are {addresses}, depth {record.Depth}.");
        writer.WriteLine(GeneratedCode.Attribute);
        writer.OpenBlock($"{record.Type.Accessibility} sealed partial class {record.SyncletName} : global::Synclets.Typed.TableSynclet<{type}>");
        writer.WriteLine($"private {record.SyncletName}(global::Synclets.Synclet synclet, global::Synclets.Typed.SchemaGuard guard)");
        writer.Indentation++;
        writer.WriteLine($": base(synclet, guard, {record.MapName}.Instance)");
        writer.Indentation--;
        writer.WriteLine("{");
        writer.WriteLine("}");
        writer.WriteLine();
        CreateAsyncEmitter.Emit(writer, record.SyncletName, record.MapName + ".Schema", record.Depth);
        writer.CloseBlock();
    }
}
