using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace Synclets.Browser.Interop;

/// <summary>The module's Web Storage functions (<c>local</c> picks localStorage over sessionStorage).</summary>
[SupportedOSPlatform("browser")]
internal static partial class JsWebStorage
{
    [JSImport("storageGet", BrowserModule.Name)]
    public static partial string? Get(bool local, string key);

    /// <summary>Null when stored; <c>"quota"</c> when the quota is exceeded; otherwise the browser's message.</summary>
    [JSImport("storageSet", BrowserModule.Name)]
    public static partial string? Set(bool local, string key, string value);

    [JSImport("storageRemove", BrowserModule.Name)]
    public static partial void Remove(bool local, string key);
}
