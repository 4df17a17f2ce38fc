namespace Synclets.Sqlite;

/// <summary>How hard SQLite pushes a commit to disk (<c>PRAGMA synchronous</c>).</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// In WAL mode, a commit is written to the log but not flushed to the disk: it survives the
    /// process being killed (the operating system holds the written pages), though not a power cut.
    /// </summary>
    Normal,

    /// <summary>Every commit is flushed to the disk: it survives a power cut too, at the cost of an fsync per batch.</summary>
    Full,
}
