namespace Synclets.Protocol;

/// <summary>A received write refused for a timestamp <paramref name="Ahead"/> of the clock when it arrived, beyond the allowed skew.</summary>
internal readonly record struct RefusedWrite(Address Address, string Timestamp, TimeSpan Ahead);
