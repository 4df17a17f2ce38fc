using Synclets.Conformance.Scenarios;

namespace Synclets.Sqlite.Tests.Conformance;

/// <summary>Two-way scenarios, every synclet on SQLite tree tables.</summary>
public sealed class SqliteTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly SqlitePartsFactory _factory;

    public SqliteTwoWayTests() : this(new SqlitePartsFactory())
    {
    }

    private SqliteTwoWayTests(SqlitePartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios, every synclet on SQLite tree tables.</summary>
public sealed class SqliteManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly SqlitePartsFactory _factory;

    public SqliteManyWayTests() : this(new SqlitePartsFactory())
    {
    }

    private SqliteManyWayTests(SqlitePartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Two-way scenarios, SQLite on one side and memory on the other.</summary>
public sealed class MixedTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly SqlitePartsFactory _factory;

    public MixedTwoWayTests() : this(new SqlitePartsFactory(mixed: true))
    {
    }

    private MixedTwoWayTests(SqlitePartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios, SQLite on even synclets and memory on odd ones.</summary>
public sealed class MixedManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly SqlitePartsFactory _factory;

    public MixedManyWayTests() : this(new SqlitePartsFactory(mixed: true))
    {
    }

    private MixedManyWayTests(SqlitePartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}
