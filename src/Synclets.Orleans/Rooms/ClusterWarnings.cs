using Microsoft.Extensions.Logging;
using Synclets.Logging;

namespace Synclets.Orleans.Rooms;

/// <summary>
/// One log throttle for every room of a silo: however many rooms a client opens, the warnings they
/// cause share one budget per kind, and an idle room holds no throttle of its own.
/// </summary>
internal sealed class ClusterWarnings(ILoggerFactory loggers)
{
    public LogThrottle Throttle { get; } = new(loggers.CreateLogger("Synclets.Orleans.Rooms"), TimeProvider.System);
}
