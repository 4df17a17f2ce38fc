using System.Collections;

namespace Synclets;

/// <summary>
/// The path of ids from the root of a synclet's tree to a node. A leaf (atom) address has as many
/// ids as the tree's depth; a parent address has fewer; the root is the empty address.
/// </summary>
/// <remarks>Ids are any strings, the empty one included.</remarks>
public readonly struct Address : IEquatable<Address>, IReadOnlyList<string>
{
    // Ancestors share their descendant's array and see only its first _count ids, so Parent and
    // Take allocate nothing: the engine takes a parent for every atom it reads or writes.
    private readonly string[]? _ids;
    private readonly int _count;

    /// <summary>Creates an address from its ids, outermost first.</summary>
    /// <exception cref="ArgumentNullException">An id is null.</exception>
    public Address(params string[] ids) : this(OwnCopyOf(ids), false)
    {
    }

    /// <summary>Creates an address from a sequence of ids, outermost first.</summary>
    /// <exception cref="ArgumentNullException">An id is null.</exception>
    public Address(IEnumerable<string> ids) : this(OwnCopyOf(ids), false)
    {
    }

    private Address(string[] ids, bool _)
        : this(ids, ids.Length)
    {
    }

    private Address(string[]? ids, int count)
    {
        _ids = count == 0 ? null : ids;
        _count = count;
    }

    /// <summary>
    /// An address over <paramref name="ids"/> itself, not a copy: for decoders, which build a fresh
    /// array of non-null ids that nothing else holds.
    /// </summary>
    internal static Address FromOwnedIds(string[] ids) => new(ids, false);

    /// <summary>A copy of the ids the caller cannot change afterwards, every id checked (one copy, never two).</summary>
    private static string[] OwnCopyOf(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        string[] copy = [.. ids];
        foreach (var id in copy)
        {
            ArgumentNullException.ThrowIfNull(id, nameof(ids));
        }

        return copy;
    }

    /// <summary>The empty address of the root node.</summary>
    public static Address Root => default;

    /// <summary>The number of ids.</summary>
    public int Count => _count;

    /// <summary>Whether this is the root address.</summary>
    public bool IsRoot => Count == 0;

    /// <summary>The id at <paramref name="index"/>.</summary>
    public string this[int index] => AsSpan()[index];

    /// <summary>The last id (the node's own id).</summary>
    /// <exception cref="InvalidOperationException">This is the root address.</exception>
    public string LastId => IsRoot ? throw new InvalidOperationException("The root address has no id.") : _ids![_count - 1];

    /// <summary>The address of the parent node.</summary>
    /// <exception cref="InvalidOperationException">This is the root address.</exception>
    public Address Parent => IsRoot
        ? throw new InvalidOperationException("The root address has no parent.")
        : new Address(_ids, _count - 1);

    /// <summary>The address of the child <paramref name="id"/> of this node.</summary>
    public Address Append(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var ids = new string[_count + 1];
        AsSpan().CopyTo(ids);
        ids[^1] = id;
        return new Address(ids, false);
    }

    /// <summary>The first <paramref name="count"/> ids, as an ancestor's address.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public Address Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count >= _count ? this : new Address(_ids, count);
    }

    /// <summary>Whether this address starts with every id of <paramref name="prefix"/>.</summary>
    public bool StartsWith(Address prefix)
    {
        if (prefix.Count > Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(_ids![i], prefix._ids![i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The ids as a span, outermost first.</summary>
    public ReadOnlySpan<string> AsSpan() => _ids.AsSpan(0, _count);

    /// <inheritdoc />
    public bool Equals(Address other) => Count == other.Count && StartsWith(other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Address other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var id in AsSpan())
        {
            hash.Add(id, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Address left, Address right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    /// <summary>The ids joined by <c>/</c>, e.g. <c>todos/t1/title</c>; the root is the empty string.</summary>
    public override string ToString() => string.Join('/', AsSpan());

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _ids![i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
