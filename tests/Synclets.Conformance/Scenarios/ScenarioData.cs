using Synclets.Wire;

namespace Synclets.Conformance.Scenarios;

/// <summary>The depths and wire formats every scenario runs with.</summary>
public static class ScenarioData
{
    public static TheoryData<int, WireFormat> DepthsAndFormats()
    {
        var data = new TheoryData<int, WireFormat>();
        foreach (var format in new[] { WireFormat.MessagePack, WireFormat.Json })
        {
            for (var depth = 1; depth <= 4; depth++)
            {
                data.Add(depth, format);
            }
        }

        return data;
    }

    /// <summary>Depths 2–4 only: scenarios that need two branches.</summary>
    public static TheoryData<int, WireFormat> BranchingDepthsAndFormats()
    {
        var data = new TheoryData<int, WireFormat>();
        foreach (var (depth, format) in DepthsAndFormats().Select(row => ((int)row[0], (WireFormat)row[1])))
        {
            if (depth >= 2)
            {
                data.Add(depth, format);
            }
        }

        return data;
    }

    public static TheoryData<int, WireFormat, string> SizesFormatsAndTopologies()
    {
        var data = new TheoryData<int, WireFormat, string>();
        foreach (var format in new[] { WireFormat.MessagePack, WireFormat.Json })
        {
            foreach (var count in new[] { 3, 10 })
            {
                foreach (var topology in new[] { "pool", "chain", "ring" })
                {
                    data.Add(count, format, topology);
                }
            }
        }

        return data;
    }
}
