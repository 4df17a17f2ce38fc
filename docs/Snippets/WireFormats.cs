using Synclets.Transports;
using Synclets.Transports.Memory;
using Synclets.Wire;

namespace Snippets;

internal static class WireFormats
{
    public static void Options()
    {
        #region readme: wire-formats
        var transport = new MemoryTransport("room1", new TransportOptions
        {
            WireFormat = WireFormat.Json,      // TypeScript-compatible; WireFormat.MessagePack is the default
            FragmentSize = 4096,               // messages larger than this travel as several packets
            MaxMessageBytes = 64 * 1024 * 1024,
        });
        #endregion
    }
}
