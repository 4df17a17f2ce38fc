using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Sample;
using Synclets.Connectors.Memory;
using Synclets.Tests.Support;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Hosting;

/// <summary>
/// A synclet registered with AddSynclet is built from the container (its logger and clock
/// included), started with the host, and stopped and disposed when the host stops.
/// </summary>
public sealed class AddSyncletTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);

    [Fact]
    public async Task The_synclet_starts_with_the_host_and_is_stopped_and_disposed_with_it()
    {
        using var host = Host(services => services.AddSynclet(_ => Components(2, Guid.NewGuid().ToString("N"))));
        var synclet = host.Services.GetRequiredService<Synclet>();
        Assert.False(synclet.IsStarted);

        await host.StartAsync();
        Assert.True(synclet.IsStarted);
        await synclet.SetAtomAsync(new Address("t", "r"), "kept until the host stops");

        await host.StopAsync();
        Assert.False(synclet.IsStarted);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => synclet.SetAtomAsync(new Address("t", "r"), "after"));
    }

    [Fact]
    public async Task The_logger_and_the_clock_come_from_the_container()
    {
        var log = new CountingLogger();
        var clock = new FakeTimeProvider(Epoch);
        var pool = Guid.NewGuid().ToString("N");
        using var host = Host(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddLogging(logging => logging.AddProvider(new SingleLoggerProvider(log)));
            services.AddSynclet(_ => Components(2, pool), _ => new SyncletOptions { Id = "hosted" });
        });
        await host.StartAsync();
        var synclet = host.Services.GetRequiredService<Synclet>();

        await synclet.SetAtomAsync(new Address("t", "r"), 1);
        Assert.True((await synclet.GetMetaAsync()).TryGetLeaf(new Address("t", "r"), out var timestamp));
        Assert.Equal(Synclets.Clocks.HybridLogicalClock.Encode(Epoch.ToUnixTimeMilliseconds(), 0, "-----")[..7], timestamp[..7]);   // the fake clock's time

        // A peer of another depth makes the synclet warn: the warning reaches the container's logging.
        await using var other = await Synclet.CreateAsync(Components(3, pool), options: new SyncletOptions { Id = "deeper" });
        await other.StartAsync();
        await Conformance.Support.Eventually.UntilAsync(() => Task.FromResult(log.Warnings.Any(line => line.Contains("has depth 3"))), "the warning is logged through the container");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_generated_typed_synclet_registers_by_its_CreateAsync()
    {
        using var host = Host(services => services.AddSynclet(_ => Components(3, Guid.NewGuid().ToString("N")), TodoDbSynclet.CreateAsync));
        await host.StartAsync();
        var db = host.Services.GetRequiredService<TodoDbSynclet>();

        Assert.True(db.Synclet.IsStarted);
        await db.Todos.SetAsync(new Todo("t1", "Buy milk", false, null, Priority.Low));
        Assert.Equal("Buy milk", (await db.Todos.GetAsync("t1"))!.Title);
        await host.StopAsync();
        Assert.False(db.Synclet.IsStarted);
    }

    [Fact]
    public async Task Keyed_synclets_are_separate_and_all_run_with_the_host()
    {
        var pool = Guid.NewGuid().ToString("N");
        using var host = Host(services => services
            .AddKeyedSynclet("left", _ => Components(2, pool), _ => new SyncletOptions { Id = "left" })
            .AddKeyedSynclet("right", _ => Components(2, pool), _ => new SyncletOptions { Id = "right" }));
        await host.StartAsync();
        var left = host.Services.GetRequiredKeyedService<Synclet>("left");
        var right = host.Services.GetRequiredKeyedService<Synclet>("right");

        Assert.NotSame(left, right);
        Assert.True(left.IsStarted && right.IsStarted);
        await left.SetAtomAsync(new Address("t", "r"), "from left");
        await Conformance.Support.Eventually.UntilAsync(async () => await right.GetAtomAsync(new Address("t", "r")) == "from left", "the two hosted synclets sync");
        await host.StopAsync();
        Assert.False(left.IsStarted || right.IsStarted);
    }

    [Fact]
    public void A_second_unkeyed_synclet_is_refused_with_the_way_to_have_several()
    {
        var services = new ServiceCollection().AddSynclet(_ => Components(2, "a"));

        var error = Assert.Throws<InvalidOperationException>(() => services.AddSynclet(_ => Components(2, "b")));

        Assert.Equal("A Synclet is already registered; register each of several with AddKeyedSynclet and its own key.", error.Message);
    }

    private static IHost Host(Action<IServiceCollection> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        configure(builder.Services);
        return builder.Build();
    }

    private static SyncletComponents Components(int depth, string pool) =>
        new(new MemoryDataConnector(depth), new MemoryMetaConnector(depth), new MemoryTransport(pool));

    /// <summary>Hands every category the one test logger.</summary>
    private sealed class SingleLoggerProvider(ILogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
