namespace Synclets;

/// <summary>Describes one atom whose value changed.</summary>
public sealed class AtomChangedEventArgs : EventArgs
{
    internal AtomChangedEventArgs(Address address, Atom? oldAtom, Atom? newAtom, ChangeOrigin origin, string timestamp)
    {
        Timestamp = timestamp;
        Address = address;
        OldAtom = oldAtom;
        NewAtom = newAtom;
        Origin = origin;
    }

    /// <summary>The leaf address of the atom.</summary>
    public Address Address { get; }

    /// <summary>The value before the change, or null when there was none.</summary>
    public Atom? OldAtom { get; }

    /// <summary>The value after the change, or null when the atom was deleted.</summary>
    public Atom? NewAtom { get; }

    /// <summary>The timestamp the change was stored with: its place in the last-writer-wins order.</summary>
    public string Timestamp { get; }

    /// <summary>Where the change came from: this synclet's API, a peer, or other code writing the synclet's store.</summary>
    public ChangeOrigin Origin { get; }
}
