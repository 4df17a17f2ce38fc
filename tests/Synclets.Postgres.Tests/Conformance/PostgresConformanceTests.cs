using Synclets.Conformance.Scenarios;

namespace Synclets.Postgres.Tests.Conformance;

/// <summary>Two-way scenarios, every synclet on PostgreSQL tree tables.</summary>
public sealed class PostgresTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly PostgresPartsFactory _factory;

    public PostgresTwoWayTests() : this(new PostgresPartsFactory())
    {
    }

    private PostgresTwoWayTests(PostgresPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios, every synclet on PostgreSQL tree tables.</summary>
public sealed class PostgresManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly PostgresPartsFactory _factory;

    public PostgresManyWayTests() : this(new PostgresPartsFactory())
    {
    }

    private PostgresManyWayTests(PostgresPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Two-way scenarios over PostgreSQL typed tables (depth 1, which has no keys, on tree tables).</summary>
public sealed class PostgresTypedTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly PostgresPartsFactory _factory;

    public PostgresTypedTwoWayTests() : this(new PostgresPartsFactory(typed: true))
    {
    }

    private PostgresTypedTwoWayTests(PostgresPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios (depth 3: a typed table per branch) over PostgreSQL typed tables.</summary>
public sealed class PostgresTypedManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly PostgresPartsFactory _factory;

    public PostgresTypedManyWayTests() : this(new PostgresPartsFactory(typed: true))
    {
    }

    private PostgresTypedManyWayTests(PostgresPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Two-way scenarios, PostgreSQL ↔ SQLite through a WebSocket broker.</summary>
public sealed class PostgresSqliteTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly PostgresSqliteOverWebSocketsFactory _factory;

    public PostgresSqliteTwoWayTests() : this(new PostgresSqliteOverWebSocketsFactory())
    {
    }

    private PostgresSqliteTwoWayTests(PostgresSqliteOverWebSocketsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}
