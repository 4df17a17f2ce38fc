namespace Synclets.Protocol;

/// <summary>One atom written or deleted while processing a message or a local write.</summary>
internal readonly record struct AppliedChange(Address Address, string Timestamp, Atom? NewAtom, Atom? OldAtom);
