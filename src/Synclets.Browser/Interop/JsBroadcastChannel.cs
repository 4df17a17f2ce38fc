using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace Synclets.Browser.Interop;

/// <summary>The module's BroadcastChannel functions.</summary>
[SupportedOSPlatform("browser")]
internal static partial class JsBroadcastChannel
{
    [JSImport("channelOpen", BrowserModule.Name)]
    public static partial int Open(
        string name,
        [JSMarshalAs<JSType.Function<JSType.String, JSType.String>>] Action<string, string> onText,
        [JSMarshalAs<JSType.Function<JSType.String>>] Action<string> onBinary,
        [JSMarshalAs<JSType.Function<JSType.String>>] Action<string> onMalformed);

    [JSImport("channelPostText", BrowserModule.Name)]
    public static partial void PostText(int handle, string from, string packet);

    [JSImport("channelPostBinary", BrowserModule.Name)]
    public static partial void PostBinary(int handle, string from, [JSMarshalAs<JSType.MemoryView>] ArraySegment<byte> packet);

    /// <summary>The bytes of the binary packet being delivered; valid only inside the <c>onBinary</c> callback.</summary>
    [JSImport("channelTakeBinary", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Array<JSType.Number>>]
    public static partial byte[] TakeBinary();

    [JSImport("channelClose", BrowserModule.Name)]
    public static partial void Close(int handle);
}
