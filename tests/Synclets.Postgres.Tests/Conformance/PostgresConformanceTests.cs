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
