using MessagePack;
using MessagePack.Formatters;
using Synclets.Protocol;

namespace Synclets.Wire;

/// <summary>
/// Serves only the <see cref="Message"/> formatter: no reflection, no dynamic code, and nothing
/// else can be read from a peer's bytes.
/// </summary>
internal sealed class MessagePackMessageResolver : IFormatterResolver
{
    private MessagePackMessageResolver()
    {
    }

    public static MessagePackMessageResolver Instance { get; } = new();

    /// <inheritdoc />
    public IMessagePackFormatter<T>? GetFormatter<T>() =>
        typeof(T) == typeof(Message) ? (IMessagePackFormatter<T>)(object)MessagePackMessageFormatter.Instance : null;
}
