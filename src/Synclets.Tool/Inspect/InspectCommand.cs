using System.Globalization;
using Synclets.Tool.Stores;

namespace Synclets.Tool.Inspect;

/// <summary><c>synclets inspect STORE</c>: the store's depth, layout, tables, and per tree its atoms, tombstones, root hash and newest timestamp.</summary>
internal static class InspectCommand
{
    public static async Task<int> RunAsync(string store, string? meta, TextWriter output, CancellationToken cancellationToken)
    {
        await using var reader = await StoreReader.OpenAsync(store, meta, cancellationToken);
        output.WriteLine($"store:   {reader.Name} ({reader.Kind})");
        output.WriteLine($"depth:   {(reader.Depth == 0 ? "(no atoms yet)" : reader.Depth.ToString(CultureInfo.InvariantCulture))}");
        output.WriteLine($"layout:  {await reader.DescribeLayoutAsync(cancellationToken)}");

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
