using System.Globalization;

namespace Synclets.Benchmarks;

/// <summary>
/// Where the console reports also write their figures as lines <c>metric name=value</c>, for
/// benchmarks/run.sh to assemble its targets table (<c>--metrics PATH</c>; nothing when absent).
/// A file rather than stdout, so the human tables stream unchanged.
/// </summary>
internal sealed class MetricsFile(string? path)
{
    public static MetricsFile FromArgs(string[] args)
    {
        var at = Array.IndexOf(args, "--metrics");
        return new MetricsFile(at >= 0 && at + 1 < args.Length ? args[at + 1] : null);
    }

    public void Write(string name, double value)
    {
        if (path is not null)
        {
            File.AppendAllText(path, $"metric {name}={value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }
    }

    public void Write(string name, string value)
    {
        if (path is not null)
        {
            File.AppendAllText(path, $"metric {name}={value}\n");
        }
    }
}
