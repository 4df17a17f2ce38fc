namespace Synclets.Packaging.Tests;

/// <summary>A test that needs PostgreSQL: skipped, with the reason, when SYNCLETS_POSTGRES names no database (.ci/run sets it).</summary>
public sealed class PostgresFact : FactAttribute
{
    public PostgresFact()
    {
        if (ConnectionString is null)
        {
            Skip = "SYNCLETS_POSTGRES is not set: this test needs a PostgreSQL connection string.";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable("SYNCLETS_POSTGRES") is { Length: > 0 } value ? value : null;
}
