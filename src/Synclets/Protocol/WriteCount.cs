namespace Synclets.Protocol;

/// <summary>Counts the writes (<c>[timestamp, atom]</c> leaves) a message node carries.</summary>
internal static class WriteCount
{
    public static int Of(MessageNode node) => node switch
    {
        TimestampAndAtomNode => 1,
        SubNodesNode listing => OfChildren(listing),
        _ => 0,
    };

    private static int OfChildren(SubNodesNode listing)
    {
        var count = 0;
        foreach (var child in listing.Children.Values)
        {
            count += Of(child);
        }

        return count;
    }
}
