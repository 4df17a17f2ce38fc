using Synclets.Conformance.Scenarios;

namespace Synclets.Tests.Local;

public sealed class LocalTwoWayTests() : TwoWayScenarios(new LocalPartsFactory());

public sealed class LocalManyWayTests() : ManyWayScenarios(new LocalPartsFactory());
