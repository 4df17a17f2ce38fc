using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Synclets.Postgres.Tests.Support.PostgresTestFramework", "Synclets.Postgres.Tests")]

namespace Synclets.Postgres.Tests.Support;

/// <summary>
/// Without <c>SYNCLETS_POSTGRES</c>, every test of this assembly is reported skipped with the reason,
/// never silently passed. The conformance scenarios come from base classes whose attributes cannot
/// know that, so the decision is made here, where tests are discovered.
/// </summary>
public sealed class PostgresTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <summary>The variable that names the database the tests use.</summary>
    public const string ConnectionVariable = "SYNCLETS_POSTGRES";

    /// <summary>The connection string, or null when the tests are to be skipped.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        private const string SkipReason = $"{ConnectionVariable} is not set: these tests need a PostgreSQL connection string (.ci/run starts a server and sets it).";

        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (ConnectionString is not null)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            if (testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).FirstOrDefault() is null)
            {
                return true;
            }

            var testCase = new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                SkipReason);
            return ReportDiscoveredTestCase(testCase, includeSourceInformation, messageBus);
        }
    }
}
