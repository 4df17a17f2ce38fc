namespace Synclets.Sqlite.Tests.Safety;

/// <summary>Ids and names that would break or subvert SQL if they ever reached its text unquoted.</summary>
public static class HostileNames
{
    public static readonly string[] Ids =
    [
        "Robert'); DROP TABLE synclets_data; --",
        "double \"quoted\" id",
        "semi;colon",
        "-- comment",
        "/* block */",
        "back\\slash and \"json\" [\"array\"]",
        "ünïcödé – 日本語 – עברית",
        "emoji 🎉🚀👩‍👩‍👧",
        "new\nline\ttab",
        "@p0",
        "?1",
        string.Empty,
        new string('x', 999) + "€",
    ];

    public static readonly string[] TableNames =
    [
        "data\"; DROP TABLE x; --",
        "meta 'quoted' -- ;",
        "表 🎉",
    ];
}
