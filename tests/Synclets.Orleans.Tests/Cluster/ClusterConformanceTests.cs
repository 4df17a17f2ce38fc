using Synclets.Conformance.Scenarios;
using Synclets.Orleans.Tests.Support;

namespace Synclets.Orleans.Tests.Cluster;

/// <summary>Two-way scenarios, the two clients on different silos of a cluster.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ClusterTwoWayTests : TwoWayScenarios, IAsyncLifetime
{
    private readonly ClusterPartsFactory _factory;

    public ClusterTwoWayTests(SharedCluster cluster) : this(new ClusterPartsFactory(cluster))
    {
    }

    private ClusterTwoWayTests(ClusterPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}

/// <summary>Many-way scenarios, the clients of every room spread over the three silos of a cluster.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ClusterManyWayTests : ManyWayScenarios, IAsyncLifetime
{
    private readonly ClusterPartsFactory _factory;

    public ClusterManyWayTests(SharedCluster cluster) : this(new ClusterPartsFactory(cluster))
    {
    }

    private ClusterManyWayTests(ClusterPartsFactory factory) : base(factory) => _factory = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();
}
