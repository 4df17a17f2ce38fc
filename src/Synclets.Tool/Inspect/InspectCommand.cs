using System.Globalization;
using Synclets.Tool.Stores;

namespace Synclets.Tool.Inspect;

/// <summary><c>synclets inspect STORE</c>: the store's depth, layout, tables, and per tree its atoms, tombstones, root hash and newest timestamp.</summary>
internal static class InspectCommand
{
    public static async Task<int> RunAsync(string store, TextWriter output, CancellationToken cancellationToken)
    {
        await using var reader = await StoreReader.OpenAsync(store, cancellationToken);
        var typed = await reader.OtherTablesAsync(cancellationToken);
        output.WriteLine($"store:   {reader.Name} ({(reader.IsSqlite ? "SQLite" : "PostgreSQL")})");
        output.WriteLine($"depth:   {reader.Depth}");
        output.WriteLine(typed.Count == 0
            ? "layout:  tree tables (synclets_tree, synclets_hashes)"
            : $"layout:  typed tables ({string.Join(", ", typed)}) beside the synclet's tree tables");

        var scopes = await reader.SummarizeAsync(cancellationToken);
        output.WriteLine($"trees:   {scopes.Count}");
        foreach (var scope in scopes)
        {
            output.WriteLine();
            output.WriteLine($"scope '{scope.Scope}'");
            output.WriteLine($"  atoms:       {scope.Atoms.ToString("N0", CultureInfo.InvariantCulture)}");
            output.WriteLine($"  tombstones:  {scope.Tombstones.ToString("N0", CultureInfo.InvariantCulture)}");
            output.WriteLine($"  root hash:   {(scope.RootHash is { } hash ? hash.ToString(CultureInfo.InvariantCulture) : "(none stored)")}");
            output.WriteLine($"  newest:      {scope.NewestTimestamp ?? "(no timestamps)"}");
        }

        return 0;
    }
}
