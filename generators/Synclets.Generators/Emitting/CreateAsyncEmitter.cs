using System.Globalization;

namespace Synclets.Generators.Emitting;

/// <summary>Emits the <c>CreateAsync</c> factory both synclet kinds share: the parts of Synclet.CreateAsync, plus the schema check.</summary>
internal static class CreateAsyncEmitter
{
    public static void Emit(SourceWriter writer, string syncletName, string schema, int depth)
    {
        writer.Summary(
            $"Creates a {syncletName} from connectors of depth {depth.ToString(CultureInfo.InvariantCulture)} and transports, "
            + "as <see cref=\"global::Synclets.Synclet.CreateAsync\"/> does; peers' writes that do not fit the schema are refused and counted.");
        writer.WriteLine($"public static async global::System.Threading.Tasks.Task<{syncletName}> CreateAsync(");
        writer.Indentation++;
        writer.WriteLine("global::Synclets.SyncletComponents components,");
        writer.WriteLine("global::Synclets.SyncletHooks? hooks = null,");
        writer.WriteLine("global::Synclets.SyncletOptions? options = null,");
        writer.WriteLine("global::System.Threading.CancellationToken cancellationToken = default)");
        writer.Indentation--;
        writer.WriteLine("{");
        writer.Indentation++;
        writer.WriteLine("var (synclet, guard) = await global::Synclets.Typed.SchemaGuard.CreateSyncletAsync(");
        writer.Indentation++;
        writer.WriteLine($"components, {schema}, {Identifiers.Literal(syncletName)}, hooks, options, cancellationToken).ConfigureAwait(false);");
        writer.Indentation--;
        writer.WriteLine($"return new {syncletName}(synclet, guard);");
        writer.CloseBlock();
    }
}
