using Synclets.Conformance.Scenarios;

namespace Synclets.Conformance.Memory;

public sealed class MemoryTwoWayTests() : TwoWayScenarios(new MemoryPartsFactory());

public sealed class MemoryManyWayTests() : ManyWayScenarios(new MemoryPartsFactory());

/// <summary>The scenarios with answers sent in parts of at most 3 leaves: many parts, and leaf parents cut in pieces.</summary>
public sealed class MemoryInPartsTwoWayTests() : TwoWayScenarios(new MemoryPartsFactory(maxLeavesPerMessage: 3));

public sealed class MemoryInPartsManyWayTests() : ManyWayScenarios(new MemoryPartsFactory(maxLeavesPerMessage: 3));
