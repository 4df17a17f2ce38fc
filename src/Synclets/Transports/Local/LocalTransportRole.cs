namespace Synclets.Transports.Local;

/// <summary>The part a <see cref="LocalTransport"/> plays on its channel.</summary>
public enum LocalTransportRole
{
    /// <summary>Not on the channel: stopped, or looking for the hub.</summary>
    Offline,

    /// <summary>The hub: it listens on the channel's socket and relays between the other processes.</summary>
    Hub,

    /// <summary>Connected to the hub of another process (or of another transport in this one).</summary>
    Member,
}
