namespace Synclets.Generators.Tests.Support;

/// <summary>What a snapshot mismatch does, from the environment.</summary>
public enum SnapshotMode
{
    /// <summary>Fail with a diff and write the output as <c>*.received.*</c> for review.</summary>
    Verify,

    /// <summary><c>SYNCLETS_ACCEPT_SNAPSHOTS=1</c>: overwrite the <c>*.verified.*</c> files.</summary>
    Accept,

    /// <summary>Acceptance asked for under <c>CI=true</c>: refused, CI only ever compares.</summary>
    Refused,
}

internal static class SnapshotModes
{
    public const string AcceptVariable = "SYNCLETS_ACCEPT_SNAPSHOTS";

    public static SnapshotMode Current =>
        From(Environment.GetEnvironmentVariable(AcceptVariable), Environment.GetEnvironmentVariable("CI"));

    public static SnapshotMode From(string? accept, string? ci) => accept?.Trim() == "1"
        ? string.Equals(ci?.Trim(), "true", StringComparison.OrdinalIgnoreCase) ? SnapshotMode.Refused : SnapshotMode.Accept
        : SnapshotMode.Verify;
}
