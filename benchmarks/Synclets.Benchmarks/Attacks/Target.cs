using Microsoft.Extensions.Logging;
using Synclets.Connectors.Memory;
using Synclets.Wire;

namespace Synclets.Benchmarks.Attacks;

/// <summary>A synclet on memory connectors holding a tree of the given size, with an attacker as its only peer.</summary>
internal sealed class Target : IAsyncDisposable
{
    private Target(Synclet synclet, InjectingTransport attacker, LineCounter log) => (Synclet, Attacker, Log) = (synclet, attacker, log);

    public Synclet Synclet { get; }

    public InjectingTransport Attacker { get; }

    public LineCounter Log { get; }

    public static async Task<Target> StartAsync(WireFormat format, int rows, int columns = 10)
    {
        var attacker = new InjectingTransport(format);
        var log = new LineCounter();
        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(2), new MemoryMetaConnector(2), attacker),
            options: new SyncletOptions { Id = "target", Logger = log, SyncInterval = Timeout.InfiniteTimeSpan });
        for (var row = 0; row < rows; row += 1_000)
        {
            await synclet.SetAtomsAsync(
                from r in Enumerable.Range(row, Math.Min(1_000, rows - row))
                from c in Enumerable.Range(0, columns)
                select new KeyValuePair<Address, Atom?>(new Address("r" + r, "c" + c), r * columns + c),
                sync: false);
        }

        await synclet.StartAsync();
        return new Target(synclet, attacker, log);
    }

    public ValueTask DisposeAsync() => Synclet.DisposeAsync();

    /// <summary>Counts the lines and characters logged at warning level and above.</summary>
    internal sealed class LineCounter : ILogger
    {
        private long _lines;
        private long _characters;

        public long Lines => Interlocked.Read(ref _lines);

        public long Characters => Interlocked.Read(ref _characters);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Interlocked.Increment(ref _lines);
                Interlocked.Add(ref _characters, formatter(state, exception).Length + 1);
            }
        }
    }
}
