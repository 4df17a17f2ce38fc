using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Synclets.Orleans.Tests.Support;

/// <summary>
/// Writes the silos' Synclets log lines (information and above) to <c>TestResults/cluster.log</c>
/// beside the test assembly, so that a failure in CI can be read afterwards.
/// </summary>
internal sealed class FileLog : ILoggerProvider
{
    private static readonly BlockingCollection<string> Lines = StartWriter();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private static BlockingCollection<string> StartWriter()
    {
        var lines = new BlockingCollection<string>();
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(directory);
        var thread = new Thread(() =>
        {
            using var writer = new StreamWriter(Path.Combine(directory, "cluster.log"), append: false) { AutoFlush = true };
            foreach (var line in lines.GetConsumingEnumerable())
            {
                writer.WriteLine(line);
            }
        })
        { IsBackground = true, Name = "cluster log" };
        thread.Start();
        return lines;
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && category.StartsWith("Synclets", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            }
        }
    }
}
