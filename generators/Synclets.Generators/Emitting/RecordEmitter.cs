using Synclets.Generators.Model;

namespace Synclets.Generators.Emitting;

/// <summary>Emits the one file of a [Synclet] record: its table map, synclet, table extensions and MessagePack formatter.</summary>
internal static class RecordEmitter
{
    public static string Emit(RecordModel record)
    {
        var writer = GeneratedCode.StartFile();
        GeneratedCode.OpenNamespace(writer, record.Type.Namespace);
        TableMapEmitter.Emit(writer, record);
        writer.WriteLine();
        TableSyncletEmitter.Emit(writer, record);
        writer.WriteLine();
        TableExtensionsEmitter.Emit(writer, record);
        writer.WriteLine();
        FormatterEmitter.Emit(writer, record);
        GeneratedCode.CloseNamespace(writer, record.Type.Namespace);
        return writer.ToString();
    }
}
