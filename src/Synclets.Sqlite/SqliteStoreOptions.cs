namespace Synclets.Sqlite;

/// <summary>How a <see cref="SqliteStore"/> configures its connections.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>
    /// Whether to use write-ahead logging (default true): commits append to a log instead of
    /// rewriting pages, readers never block the writer, and a killed process leaves committed
    /// batches intact and uncommitted ones invisible.
    /// </summary>
    public bool WriteAheadLog { get; init; } = true;

    /// <summary>
    /// How hard a commit is pushed to disk (default <see cref="SqliteSynchronous.Normal"/>). In WAL
    /// mode, Normal already makes an acknowledged write survive a killed process: the commit's log
    /// frames are written to the file before the commit returns, so the operating system keeps
    /// them whatever happens to the process; only a power cut or an OS crash can lose the last
    /// commits (never corrupt the database). Choose Full when those must survive too.
    /// </summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Normal;

    /// <summary>
    /// How many pages (of 4 KB) the write-ahead log gathers before SQLite copies it back into the
    /// database file (default 10,000, about 40 MB; SQLite's own default is 1,000). Each copy ends in a
    /// flush to disk, so a large sync made of many batches spends less time waiting for the disk; the
    /// log file grows to about this size between copies. Durability is the same either way.
    /// </summary>
    public int WalAutoCheckpointPages { get; init; } = 10_000;
}
