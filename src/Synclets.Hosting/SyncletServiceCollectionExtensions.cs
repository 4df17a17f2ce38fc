using Microsoft.Extensions.Hosting;
using Synclets;
using Synclets.Hosting;
using Synclets.Typed;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers synclets in a .NET host: each is built from the container, with the container's
/// <c>ILoggerFactory</c> and <see cref="TimeProvider"/> unless its options name others, started with
/// the host, and stopped and disposed when the host stops.
/// </summary>
public static class SyncletServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="Synclet"/> singleton made from <paramref name="components"/>, run with the host.</summary>
    /// <param name="services">The container.</param>
    /// <param name="components">Its connectors and transports, from the container.</param>
    /// <param name="options">Its options (id, intervals…); the logger and clock default to the container's.</param>
    /// <param name="hooks">Its hooks, if any.</param>
    public static IServiceCollection AddSynclet(
        this IServiceCollection services,
        Func<IServiceProvider, SyncletComponents> components,
        Func<IServiceProvider, SyncletOptions>? options = null,
        Func<IServiceProvider, SyncletHooks>? hooks = null) =>
        Add(services, new SyncletRegistration<Synclet>(null, components, Synclet.CreateAsync, synclet => synclet, options, hooks));

    /// <summary>
    /// Registers a generated typed synclet singleton (<c>services.AddSynclet(sp => parts, TodoDbSynclet.CreateAsync)</c>),
    /// run with the host.
    /// </summary>
    /// <typeparam name="TSynclet">The generated synclet: <c>TodoDbSynclet</c>, <c>TodoSynclet</c>.</typeparam>
    public static IServiceCollection AddSynclet<TSynclet>(
        this IServiceCollection services,
        Func<IServiceProvider, SyncletComponents> components,
        SyncletFactory<TSynclet> create,
        Func<IServiceProvider, SyncletOptions>? options = null,
        Func<IServiceProvider, SyncletHooks>? hooks = null)
        where TSynclet : class, ITypedSynclet =>
        Add(services, new SyncletRegistration<TSynclet>(null, components, create, typed => typed.Synclet, options, hooks));

    /// <summary>Registers a <see cref="Synclet"/> under <paramref name="key"/> (one of several in an app), run with the host.</summary>
    public static IServiceCollection AddKeyedSynclet(
        this IServiceCollection services,
        object key,
        Func<IServiceProvider, SyncletComponents> components,
        Func<IServiceProvider, SyncletOptions>? options = null,
        Func<IServiceProvider, SyncletHooks>? hooks = null) =>
        Add(services, new SyncletRegistration<Synclet>(key ?? throw new ArgumentNullException(nameof(key)), components, Synclet.CreateAsync, synclet => synclet, options, hooks));

    /// <summary>Registers a generated typed synclet under <paramref name="key"/>, run with the host.</summary>
    public static IServiceCollection AddKeyedSynclet<TSynclet>(
        this IServiceCollection services,
        object key,
        Func<IServiceProvider, SyncletComponents> components,
        SyncletFactory<TSynclet> create,
        Func<IServiceProvider, SyncletOptions>? options = null,
        Func<IServiceProvider, SyncletHooks>? hooks = null)
        where TSynclet : class, ITypedSynclet =>
        Add(services, new SyncletRegistration<TSynclet>(key ?? throw new ArgumentNullException(nameof(key)), components, create, typed => typed.Synclet, options, hooks));

    private static IServiceCollection Add<TSynclet>(IServiceCollection services, SyncletRegistration<TSynclet> registration)
        where TSynclet : class
    {
        ArgumentNullException.ThrowIfNull(services);
        if (registration.Key is null)
        {
            // A second unkeyed one would replace the first for everyone who asks, while both run.
            if (services.Any(descriptor => descriptor.ServiceType == typeof(TSynclet) && !descriptor.IsKeyedService))
            {
                throw new InvalidOperationException(
                    $"A {typeof(TSynclet).Name} is already registered; register each of several with AddKeyedSynclet and its own key.");
            }

            services.AddSingleton(registration.Create);
            services.AddSingleton<IHostedService>(provider =>
                new SyncletHostedService<TSynclet>(provider.GetRequiredService<TSynclet>(), registration.SyncletOf));
        }
        else
        {
            services.AddKeyedSingleton(registration.Key, (provider, _) => registration.Create(provider));
            services.AddSingleton<IHostedService>(provider =>
                new SyncletHostedService<TSynclet>(provider.GetRequiredKeyedService<TSynclet>(registration.Key), registration.SyncletOf));
        }

        return services;
    }
}
