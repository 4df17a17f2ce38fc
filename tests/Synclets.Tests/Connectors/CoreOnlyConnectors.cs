using Synclets.Connectors;

namespace Synclets.Tests.Connectors;

/// <summary>
/// Connectors that implement only the required core over flat dictionaries, so the base classes'
/// default bulk reads and snapshots are what the engine uses.
/// </summary>
internal sealed class CoreOnlyDataConnector(int depth) : DataConnector(depth)
{
    private readonly Dictionary<Address, Atom> _atoms = [];

    public override ValueTask<Atom?> ReadAtomAsync(Address address, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_atoms.TryGetValue(address, out var atom) ? atom : (Atom?)null);

    public override ValueTask WriteAtomAsync(Address address, Atom atom, CancellationToken cancellationToken = default)
    {
        _atoms[address] = atom;
        return ValueTask.CompletedTask;
    }

    public override ValueTask RemoveAtomAsync(Address address, CancellationToken cancellationToken = default)
    {
        _atoms.Remove(address);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ChildIds.Of(_atoms.Keys, parentAddress));
}

internal sealed class CoreOnlyMetaConnector(int depth) : MetaConnector(depth)
{
    private readonly Dictionary<Address, string> _timestamps = [];
    private readonly Dictionary<Address, uint> _hashes = [];

    public override ValueTask<string> ReadTimestampAsync(Address address, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_timestamps.GetValueOrDefault(address, string.Empty));

    public override ValueTask WriteTimestampAsync(Address address, string timestamp, CancellationToken cancellationToken = default)
    {
        _timestamps[address] = timestamp;
        return ValueTask.CompletedTask;
    }

    public override ValueTask<IReadOnlyList<string>> ReadChildIdsAsync(Address parentAddress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ChildIds.Of(_timestamps.Keys, parentAddress));

    public override ValueTask<uint> ReadHashAsync(Address parentAddress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_hashes.GetValueOrDefault(parentAddress));

    public override ValueTask WriteHashAsync(Address parentAddress, uint hash, CancellationToken cancellationToken = default)
    {
        _hashes[parentAddress] = hash;
        return ValueTask.CompletedTask;
    }
}

internal static class ChildIds
{
    public static IReadOnlyList<string> Of(IEnumerable<Address> leaves, Address parent) =>
        [.. leaves.Where(leaf => leaf.StartsWith(parent)).Select(leaf => leaf[parent.Count]).Distinct()];
}
