using Synclets.Conformance.Scenarios;

namespace Synclets.Tests.Connectors.Files;

public sealed class FileTwoWayTests() : TwoWayScenarios(new FilePartsFactory());

public sealed class FileManyWayTests() : ManyWayScenarios(new FilePartsFactory());

public sealed class DirectoryTwoWayTests() : TwoWayScenarios(new DirectoryPartsFactory());

public sealed class DirectoryManyWayTests() : ManyWayScenarios(new DirectoryPartsFactory());
