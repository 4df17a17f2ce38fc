namespace Synclets.WebSockets.Client;

/// <summary>Where a <see cref="WsClientTransport"/>'s connection stands.</summary>
public enum WsConnectionState
{
    /// <summary>Not connected, and not trying: the synclet is stopped.</summary>
    Closed,

    /// <summary>Trying to connect, or waiting before the next attempt.</summary>
    Connecting,

    /// <summary>Connected: packets flow.</summary>
    Open,
}

/// <summary>Data of <see cref="WsClientTransport.StateChanged"/>.</summary>
public sealed class WsConnectionStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public WsConnectionStateChangedEventArgs(WsConnectionState state, Exception? error)
    {
        State = state;
        Error = error;
    }

    /// <summary>The new state.</summary>
    public WsConnectionState State { get; }

    /// <summary>Why the connection was lost or an attempt failed, when it was an error.</summary>
    public Exception? Error { get; }
}
