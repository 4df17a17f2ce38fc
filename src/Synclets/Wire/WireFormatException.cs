namespace Synclets.Wire;

/// <summary>
/// Thrown when bytes received from a peer are not a well-formed message or packet of the expected
/// wire format. Transports drop such input with a warning; it is never half-applied.
/// </summary>
public sealed class WireFormatException : FormatException
{
    /// <summary>Creates the exception with a message saying what is malformed.</summary>
    public WireFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message saying what is malformed, and its cause.</summary>
    public WireFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
