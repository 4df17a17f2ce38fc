using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Synclets.WebSockets.Tests.Support;

/// <summary>
/// A logger provider that keeps the lines Synclets writes at <see cref="LogLevel.Information"/> and
/// above (what a production log holds), leaving out ASP.NET Core's own.
/// </summary>
internal sealed class LogLines : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public int Count => _lines.Count;

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Synclets", StringComparison.Ordinal) ? new Logger(_lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
