using System.Globalization;
using System.Text;
using Synclets.Browser.Interop;
using Synclets.Wire;

namespace Synclets.Browser.Connectors.IndexedDb;

// The stored hashes of interior nodes.
public sealed partial class IndexedDbStore
{
    internal async ValueTask<uint> ReadHashAsync(Address parent)
    {
        if (_hashes.TryGetValue(parent, out var pending))
        {
            return pending;
        }

        var stored = await JsIndexedDb.GetAsync(Handle, ObjectStore.Hashes, JsonText.Address(parent)).ConfigureAwait(false);
        return ParseHash(stored);
    }

    internal async ValueTask WriteHashAsync(Address parent, uint hash)
    {
        _hashes[parent] = hash;
        if (!InBatch)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>XORs each delta into its node's hash, reading every hash not already held in one request.</summary>
    internal async ValueTask ApplyHashDeltasAsync(IReadOnlyList<KeyValuePair<Address, uint>> deltas)
    {
        var unread = new List<Address>();
        foreach (var (address, _) in deltas)
        {
            if (!_hashes.ContainsKey(address))
            {
                unread.Add(address);
            }
        }

        if (unread.Count > 0)
        {
            var keys = new StringBuilder("[");
            foreach (var address in unread)
            {
                keys.Append(keys.Length > 1 ? "," : string.Empty).Append(JsonText.Address(address));
            }

            var values = ReadStrings(await JsIndexedDb.GetManyAsync(Handle, ObjectStore.Hashes, keys.Append(']').ToString()).ConfigureAwait(false));
            for (var i = 0; i < unread.Count; i++)
            {
                _hashes[unread[i]] = ParseHash(values[i]);
            }
        }

        foreach (var (address, delta) in deltas)
        {
            _hashes[address] ^= delta;
        }

        if (!InBatch)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    private uint ParseHash(string? stored) =>
        stored is null ? 0
        : uint.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var hash) ? hash
        : throw new InvalidDataException($"IndexedDB database '{DatabaseName}' holds a hash that is not a 32-bit unsigned number: '{stored}'.");
}
