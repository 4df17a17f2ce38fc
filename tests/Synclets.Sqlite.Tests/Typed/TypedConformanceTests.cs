using Synclets.Conformance.Scenarios;

namespace Synclets.Sqlite.Tests.Typed;

/// <summary>Two-way scenarios over SQLite typed tables.</summary>
public sealed class TypedTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly TypedPartsFactory _factory;

    public TypedTwoWayTests() : this(new TypedPartsFactory())
    {
    }

    private TypedTwoWayTests(TypedPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios (depth 3: a typed table per branch) over SQLite typed tables.</summary>
public sealed class TypedManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly TypedPartsFactory _factory;

    public TypedManyWayTests() : this(new TypedPartsFactory())
    {
    }

    private TypedManyWayTests(TypedPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}
