using System.Buffers;

namespace Synclets.Wire;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>, so encoding a large message
/// does not leave a trail of garbage arrays behind. Dispose it to return the array.
/// </summary>
internal sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _array;
    private int _length;

    public PooledBuffer(int initialCapacity = 256) => _array = ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _length);

    /// <summary>The number of bytes written so far.</summary>
    public int Length => _length;

    /// <inheritdoc />
    public void Advance(int count) => _length += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _array.AsSpan(_length);
    }

    /// <summary>Appends one byte.</summary>
    public void Write(byte value)
    {
        if (_length == _array.Length)
        {
            Reserve(1);
        }

        _array[_length++] = value;
    }

    /// <summary>Appends bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_array.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Makes room for at least <paramref name="count"/> more bytes (at least 1).</summary>
    public void Reserve(int count)
    {
        count = Math.Max(count, 1);
        if (_array.Length - _length >= count)
        {
            return;
        }

        var needed = (long)_length + count;
        var capacity = (int)Math.Min(Math.Max(needed, (long)_array.Length * 2), Array.MaxLength);
        if (capacity < needed)
        {
            throw new InvalidOperationException("The encoded message would exceed the largest possible array.");
        }

        var grown = ArrayPool<byte>.Shared.Rent(capacity);
        _array.AsSpan(0, _length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_array);
        _array = grown;
    }

    /// <summary>Forgets what was written, keeping the capacity.</summary>
    public void Clear() => _length = 0;

    /// <inheritdoc />
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        _length = 0;
    }
}
