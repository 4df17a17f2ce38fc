using Synclets.Conformance.Scenarios;

namespace Synclets.Tests.Local;

/// <summary>Two-way scenarios over local transports in this process (one of them the hub).</summary>
public sealed class LocalTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly LocalPartsFactory _factory;

    public LocalTwoWayTests() : this(new LocalPartsFactory())
    {
    }

    private LocalTwoWayTests(LocalPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios over local transports in this process (one of them the hub).</summary>
public sealed class LocalManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly LocalPartsFactory _factory;

    public LocalManyWayTests() : this(new LocalPartsFactory())
    {
    }

    private LocalManyWayTests(LocalPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Two-way scenarios over local transports whose hub is another process.</summary>
public sealed class LocalAcrossProcessesTwoWayTests() : TwoWayScenarios(new RelayHubPartsFactory());

/// <summary>Many-way scenarios over local transports whose hub is another process.</summary>
public sealed class LocalAcrossProcessesManyWayTests() : ManyWayScenarios(new RelayHubPartsFactory());
