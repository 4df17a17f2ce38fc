namespace Synclets.Tool.Stores;

/// <summary>What one tree (scope) of a store holds.</summary>
internal sealed record ScopeSummary(string Scope, long Atoms, long Tombstones, long? RootHash, string? NewestTimestamp);
