namespace Synclets;

/// <summary>Describes a write a peer sent with a timestamp too far ahead of this synclet's clock, which was not applied.</summary>
public sealed class ClockSkewEventArgs : EventArgs
{
    internal ClockSkewEventArgs(string peer, Address address, string timestamp, TimeSpan ahead)
    {
        Peer = peer;
        Address = address;
        Timestamp = timestamp;
        Ahead = ahead;
    }

    /// <summary>The id of the peer the write came from (the sender, which may have relayed it).</summary>
    public string Peer { get; }

    /// <summary>The leaf address of the write.</summary>
    public Address Address { get; }

    /// <summary>The refused timestamp.</summary>
    public string Timestamp { get; }

    /// <summary>How far the timestamp lies ahead of this synclet's clock; more than <see cref="SyncletOptions.MaxClockSkew"/>.</summary>
    public TimeSpan Ahead { get; }
}
