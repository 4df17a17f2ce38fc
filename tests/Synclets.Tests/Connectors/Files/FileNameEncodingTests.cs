using Synclets.Connectors.Files;

namespace Synclets.Tests.Connectors.Files;

/// <summary>
/// The encodings a case-blind file system and Windows call for, which this machine (Linux, case
/// sensitive) never selects by itself: each round-trips, and keeps apart the ids it must.
/// </summary>
public sealed class FileNameEncodingTests
{
    private readonly FileNameEncoding _caseBlindWindows = new(encodeCapitals: true, avoidDeviceNames: true);

    [Theory]
    [InlineData("Todo", "%54odo")]
    [InlineData("todo", "todo")]
    [InlineData("CON", "%43%4F%4E")]
    [InlineData("con", "%63on")]
    [InlineData("nul.txt", "nul%2Etxt")]
    [InlineData("", "%")]
    public void Names_are_safe_there_and_read_back(string id, string name)
    {
        var segments = _caseBlindWindows.Encode(id);

        Assert.Equal([name], segments);
        Assert.Equal(id, FileNameEncoding.Decode(segments));
    }

    [Fact]
    public void Ids_that_differ_by_case_get_names_that_differ_without_case()
    {
        var names = new[] { "Todo", "todo", "TODO", "tOdO" }.Select(id => _caseBlindWindows.Encode(id)[0]);

        Assert.Equal(4, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_device_name_is_avoided_whatever_its_case()
    {
        var plain = new FileNameEncoding(encodeCapitals: false, avoidDeviceNames: true);

        Assert.Equal("%43ON", plain.Encode("CON")[0]);
        Assert.Equal("%63om1", plain.Encode("com1")[0]);
        Assert.Equal("CONSOLE", plain.Encode("CONSOLE")[0]);
    }
}
