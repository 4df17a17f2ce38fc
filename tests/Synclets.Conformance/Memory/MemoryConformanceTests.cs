using Synclets.Conformance.Scenarios;

namespace Synclets.Conformance.Memory;

public sealed class MemoryTwoWayTests() : TwoWayScenarios(new MemoryPartsFactory());

public sealed class MemoryManyWayTests() : ManyWayScenarios(new MemoryPartsFactory());
