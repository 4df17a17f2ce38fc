using Microsoft.Extensions.Logging;

namespace Synclets.Tests.Support;

/// <summary>A logger that keeps the lines written at warning level and above, to bound what input can make a synclet log.</summary>
internal sealed class CountingLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_gate)
            {
                return [.. _warnings];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning)
        {
            lock (_gate)
            {
                _warnings.Add(formatter(state, exception));
            }
        }
    }
}
