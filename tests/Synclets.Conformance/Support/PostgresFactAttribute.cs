namespace Synclets.Conformance.Support;

/// <summary>A test that needs the PostgreSQL database <c>SYNCLETS_POSTGRES</c> names: reported skipped, with the reason, when it is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string ConnectionVariable = "SYNCLETS_POSTGRES";

    public PostgresFactAttribute()
    {
        if (ConnectionString is null)
        {
            Skip = $"{ConnectionVariable} is not set: this test needs a PostgreSQL connection string (.ci/run starts a server and sets it).";
        }
    }

    /// <summary>The connection string, or null when the test is to be skipped.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;
}
