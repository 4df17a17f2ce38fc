using System.Collections;
using System.Text;

namespace Synclets;

/// <summary>
/// A read-only snapshot of a synclet's tree: nested dictionaries of child ids down to leaves that
/// hold a value. Two trees are equal when they hold the same leaves with equal values.
/// </summary>
/// <typeparam name="T">The leaf value: an <see cref="Atom"/> for data, a timestamp for meta.</typeparam>
public class Tree<T> : IReadOnlyDictionary<string, Tree<T>>, IEquatable<Tree<T>>
    where T : IEquatable<T>
{
    private static readonly Dictionary<string, Tree<T>> NoChildren = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tree<T>> _children;
    private readonly T? _value;

    /// <summary>Creates an interior node over <paramref name="children"/> (taken, not copied).</summary>
    protected Tree(Dictionary<string, Tree<T>> children) => _children = children;

    private Tree(T value)
    {
        _children = NoChildren;
        _value = value;
        IsLeaf = true;
    }

    /// <summary>Whether this node is a leaf holding <see cref="Value"/>.</summary>
    public bool IsLeaf { get; }

    /// <summary>The value of a leaf.</summary>
    /// <exception cref="InvalidOperationException">This node is not a leaf.</exception>
    public T Value => IsLeaf ? _value! : throw new InvalidOperationException("Only a leaf has a value; this node has children.");

    /// <inheritdoc />
    public int Count => _children.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _children.Keys;

    /// <inheritdoc />
    public IEnumerable<Tree<T>> Values => _children.Values;

    /// <inheritdoc />
    public Tree<T> this[string key] => _children[key];

    /// <summary>Every leaf with its address relative to this node, depth first.</summary>
    public IEnumerable<KeyValuePair<Address, T>> Leaves() => CollectLeaves(Address.Root);

    /// <summary>The node at <paramref name="address"/> relative to this node (this node for the root address).</summary>
    public bool TryGetNode(Address address, out Tree<T> node)
    {
        node = this;
        foreach (var id in address)
        {
            if (!node._children.TryGetValue(id, out node!))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value at <paramref name="address"/> relative to this node, if a leaf is there.</summary>
    public bool TryGetLeaf(Address address, out T value)
    {
        var node = this;
        foreach (var id in address)
        {
            if (!node._children.TryGetValue(id, out node!))
            {
                value = default!;
                return false;
            }
        }

        value = node.IsLeaf ? node._value! : default!;
        return node.IsLeaf;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _children.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out Tree<T> value) => _children.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, Tree<T>>> GetEnumerator() => _children.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(Tree<T>? other)
    {
        if (other is null)
        {
            return false;
        }

        var mine = Leaves().ToDictionary(pair => pair.Key, pair => pair.Value);
        var theirs = other.Leaves().ToList();
        return mine.Count == theirs.Count
            && theirs.All(pair => mine.TryGetValue(pair.Key, out var value) && value.Equals(pair.Value));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Tree<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Leaves().Count();

    /// <summary>A JSON-like rendering with ids sorted, for logs and samples.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Render(builder);
        return builder.ToString();
    }

    /// <summary>Builds the nested node structure from leaves at <paramref name="depth"/>.</summary>
    protected static Dictionary<string, Tree<T>> BuildChildren(IEnumerable<KeyValuePair<Address, T>> leaves, int depth)
    {
        var root = new Dictionary<string, Tree<T>>(StringComparer.Ordinal);
        foreach (var (address, value) in leaves)
        {
            if (address.Count != depth)
            {
                throw new ArgumentException($"Leaf '{address}' has {address.Count} ids; the tree's depth is {depth}.", nameof(leaves));
            }

            var children = root;
            for (var i = 0; i < depth - 1; i++)
            {
                if (!children.TryGetValue(address[i], out var child))
                {
                    child = new Tree<T>(new Dictionary<string, Tree<T>>(StringComparer.Ordinal));
                    children[address[i]] = child;
                }

                children = child._children;
            }

            children[address[depth - 1]] = new Tree<T>(value);
        }

        return root;
    }

    private IEnumerable<KeyValuePair<Address, T>> CollectLeaves(Address prefix)
    {
        if (IsLeaf)
        {
            yield return new(prefix, _value!);
            yield break;
        }

        foreach (var (id, child) in _children)
        {
            foreach (var leaf in child.CollectLeaves(prefix.Append(id)))
            {
                yield return leaf;
            }
        }
    }

    private void Render(StringBuilder builder)
    {
        if (IsLeaf)
        {
            builder.Append(_value is string text ? "\"" + text + "\"" : _value?.ToString());
            return;
        }

        builder.Append('{');
        var first = true;
        foreach (var id in _children.Keys.Order(StringComparer.Ordinal))
        {
            builder.Append(first ? "\"" : ", \"").Append(id).Append("\": ");
            _children[id].Render(builder);
            first = false;
        }

        builder.Append('}');
    }
}
