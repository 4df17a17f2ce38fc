using Synclets.Generators.Tests.Support;

namespace Synclets.Generators.Tests;

/// <summary>Every generated file of a representative model of each shape, against its committed snapshot.</summary>
public class SnapshotTests
{
    [Fact]
    public void Values_shape() => Snapshot.Verify(GeneratorHarness.Run(Models.Values));

    [Fact]
    public void Table_shape() => Snapshot.Verify(GeneratorHarness.Run(Models.Table));

    [Fact]
    public void Schema_shape() => Snapshot.Verify(GeneratorHarness.Run(Models.Schema));
}
