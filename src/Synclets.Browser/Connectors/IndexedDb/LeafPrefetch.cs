using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Synclets.Browser.Interop;
using Synclets.Wire;

namespace Synclets.Browser.Connectors.IndexedDb;

/// <summary>
/// The leaves of the leaf parents the synclet said it will read next (<c>ExpectLeafParents</c>),
/// atoms and timestamps both, read in one IndexedDB transaction instead of one per read. What it
/// holds is IndexedDB as it was: the batch's own writes are merged in by the reader, and everything
/// is forgotten when a batch commits.
/// </summary>
[SupportedOSPlatform("browser")]
internal sealed class LeafPrefetch
{
    /// <summary>The most leaf parents read in one request.</summary>
    private const int MaxPerRequest = 256;

    private static readonly string[] Stores = [ObjectStore.Atoms, ObjectStore.Timestamps];
    private static readonly string StoresJson = $"[\"{ObjectStore.Atoms}\",\"{ObjectStore.Timestamps}\"]";

    private readonly Dictionary<Address, Task<Dictionary<string, string>[]>> _expected = new();

    /// <summary>Starts reading the leaves below each child of <paramref name="parent"/>, unless already read.</summary>
    public void Expect(int handle, Address parent, IReadOnlyList<string> childIds)
    {
        var leafParents = new List<Address>(childIds.Count);
        foreach (var id in childIds)
        {
            var leafParent = parent.Append(id);
            if (!_expected.ContainsKey(leafParent))
            {
                leafParents.Add(leafParent);
            }
        }

        for (var start = 0; start < leafParents.Count; start += MaxPerRequest)
        {
            var chunk = leafParents.GetRange(start, Math.Min(MaxPerRequest, leafParents.Count - start));
            var reading = ReadAsync(handle, chunk);
            for (var i = 0; i < chunk.Count; i++)
            {
                var index = i;
                _expected[chunk[i]] = reading.ContinueWith(
                    all => all.Result[index],
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
    }

    /// <summary>The stored leaves of <paramref name="store"/> below <paramref name="leafParent"/>, if they were read ahead.</summary>
    public async ValueTask<Dictionary<string, string>?> TryGetAsync(string store, Address leafParent)
    {
        if (!_expected.TryGetValue(leafParent, out var reading))
        {
            return null;
        }

        try
        {
            return (await reading.ConfigureAwait(false))[Array.IndexOf(Stores, store)];
        }
        catch (Exception)
        {
            // A read ahead that failed is only a hint lost: the caller reads for itself.
            _expected.Remove(leafParent);
            return null;
        }
    }

    /// <summary>Forgets everything read ahead (the batch changed IndexedDB).</summary>
    public void Clear() => _expected.Clear();

    private static async Task<Dictionary<string, string>[][]> ReadAsync(int handle, List<Address> leafParents)
    {
        var keys = new StringBuilder("[");
        foreach (var leafParent in leafParents)
        {
            keys.Append(keys.Length > 1 ? "," : string.Empty).Append(JsonText.Address(leafParent));
        }

        var json = await JsIndexedDb.LeavesOfManyAsync(handle, StoresJson, keys.Append(']').ToString()).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        var byParent = new Dictionary<string, string>[leafParents.Count][];
        for (var parent = 0; parent < leafParents.Count; parent++)
        {
            byParent[parent] = new Dictionary<string, string>[Stores.Length];
            for (var store = 0; store < Stores.Length; store++)
            {
                var flat = document.RootElement[store][parent];
                var leaves = new Dictionary<string, string>(flat.GetArrayLength() / 2, StringComparer.Ordinal);
                for (var i = 0; i + 1 < flat.GetArrayLength(); i += 2)
                {
                    leaves[flat[i].GetString()!] = flat[i + 1].GetString()!;
                }

                byParent[parent][store] = leaves;
            }
        }

        return byParent;
    }
}
