namespace Synclets.Relational;

/// <summary>
/// A store could not connect to its database. The message says what Synclets was doing and where
/// (which file, or which host and database); the database library's own exception is inside.
/// </summary>
public sealed class StoreConnectionException : InvalidOperationException
{
    /// <summary>Creates the exception with what was being done, and the error that stopped it.</summary>
    public StoreConnectionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
