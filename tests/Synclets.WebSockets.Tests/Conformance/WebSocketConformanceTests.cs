using Synclets.Conformance.Scenarios;

namespace Synclets.WebSockets.Tests.Conformance;

/// <summary>Two-way scenarios, client ↔ broker ↔ client.</summary>
public sealed class BrokerTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly WebSocketPartsFactory _factory;

    public BrokerTwoWayTests() : this(new WebSocketPartsFactory(serverSynclets: false))
    {
    }

    private BrokerTwoWayTests(WebSocketPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios through broker rooms: one room for a pool, one per link of a chain or ring.</summary>
public sealed class BrokerManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly WebSocketPartsFactory _factory;

    public BrokerManyWayTests() : this(new WebSocketPartsFactory(serverSynclets: false))
    {
    }

    private BrokerManyWayTests(WebSocketPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Two-way scenarios, client ↔ server synclet.</summary>
public sealed class ServerSyncletTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly WebSocketPartsFactory _factory;

    public ServerSyncletTwoWayTests() : this(new WebSocketPartsFactory(serverSynclets: true))
    {
    }

    private ServerSyncletTwoWayTests(WebSocketPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios where the first synclet in each room is the server's.</summary>
public sealed class ServerSyncletManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly WebSocketPartsFactory _factory;

    public ServerSyncletManyWayTests() : this(new WebSocketPartsFactory(serverSynclets: true))
    {
    }

    private ServerSyncletManyWayTests(WebSocketPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Two-way scenarios, each client on its own broker, the brokers joined by a backplane.</summary>
public sealed class BackplaneTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly BackplanePartsFactory _factory;

    public BackplaneTwoWayTests() : this(new BackplanePartsFactory())
    {
    }

    private BackplaneTwoWayTests(BackplanePartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios with the clients of every room spread over three brokers joined by a backplane.</summary>
public sealed class BackplaneManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly BackplanePartsFactory _factory;

    public BackplaneManyWayTests() : this(new BackplanePartsFactory())
    {
    }

    private BackplaneManyWayTests(BackplanePartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}
