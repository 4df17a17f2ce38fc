namespace Synclets.Protocol;

/// <summary>
/// A received write that replaced a different value this synclet wrote. Reported once the message's
/// batch is stored.
/// </summary>
internal readonly record struct MetWrite(Address Address, string LocalTimestamp, Atom? LocalAtom, string RemoteTimestamp, Atom? RemoteAtom);
