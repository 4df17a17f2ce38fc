namespace Synclets.Browser.Tests.Support;

/// <summary>
/// A measurement in the browser, run by <c>benchmarks/browser.sh</c> (which sets
/// <c>SYNCLETS_BROWSER_BENCH=1</c> and serves the published, trimmed app): it reports figures and
/// asserts only that the work completed, never how fast.
/// </summary>
public sealed class BrowserBenchmarkFact : FactAttribute
{
    public BrowserBenchmarkFact()
    {
        if (Environment.GetEnvironmentVariable("SYNCLETS_BROWSER_BENCH") != "1")
        {
            Skip = "a browser measurement: run benchmarks/browser.sh";
        }
    }
}
