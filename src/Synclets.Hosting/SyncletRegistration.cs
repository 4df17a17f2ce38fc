using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Synclets.Hosting;

/// <summary>
/// How one registered synclet is made from the container: its parts, hooks and options, with the
/// container's logger and clock filled in where the options leave them unset.
/// </summary>
internal sealed class SyncletRegistration<TSynclet>(
    object? key,
    Func<IServiceProvider, SyncletComponents> components,
    SyncletFactory<TSynclet> create,
    Func<TSynclet, Synclet> synclet,
    Func<IServiceProvider, SyncletOptions>? options,
    Func<IServiceProvider, SyncletHooks>? hooks)
    where TSynclet : class
{
    public object? Key { get; } = key;

    public Func<TSynclet, Synclet> SyncletOf { get; } = synclet;

    /// <summary>Creates the synclet; the container resolves it once, and the host starts it.</summary>
    public TSynclet Create(IServiceProvider services)
    {
        var chosen = options?.Invoke(services) ?? new SyncletOptions();
        var withDefaults = chosen with
        {
            Logger = chosen.Logger ?? services.GetService<ILoggerFactory>()?.CreateLogger(CategoryName),
            TimeProvider = chosen.TimeProvider ?? services.GetService<TimeProvider>(),
        };

        // The container's factories are synchronous; creating a synclet attaches its connectors,
        // which for a database opens it, so a store that cannot be opened fails the resolution.
        return create(components(services), hooks?.Invoke(services), withDefaults, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The log category: the synclets' own, and the key of a keyed registration.</summary>
    private string CategoryName => Key is null ? "Synclets.Synclet" : $"Synclets.Synclet[{Key}]";
}
