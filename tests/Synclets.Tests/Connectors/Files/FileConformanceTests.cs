using Synclets.Conformance.Scenarios;

namespace Synclets.Tests.Connectors.Files;

/// <summary>Two-way scenarios, every synclet on a data file and a meta file.</summary>
public sealed class FileTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly FilePartsFactory _factory;

    public FileTwoWayTests() : this(new FilePartsFactory())
    {
    }

    private FileTwoWayTests(FilePartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios, every synclet on a data file and a meta file.</summary>
public sealed class FileManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly FilePartsFactory _factory;

    public FileManyWayTests() : this(new FilePartsFactory())
    {
    }

    private FileManyWayTests(FilePartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Two-way scenarios, every synclet on data and meta directories.</summary>
public sealed class DirectoryTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly DirectoryPartsFactory _factory;

    public DirectoryTwoWayTests() : this(new DirectoryPartsFactory())
    {
    }

    private DirectoryTwoWayTests(DirectoryPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios, every synclet on data and meta directories.</summary>
public sealed class DirectoryManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly DirectoryPartsFactory _factory;

    public DirectoryManyWayTests() : this(new DirectoryPartsFactory())
    {
    }

    private DirectoryManyWayTests(DirectoryPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}
