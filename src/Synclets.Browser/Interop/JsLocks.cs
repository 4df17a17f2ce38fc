using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace Synclets.Browser.Interop;

/// <summary>The module's Web Locks functions: exclusive, origin-wide, released when the page goes away.</summary>
[SupportedOSPlatform("browser")]
internal static partial class JsLocks
{
    /// <summary>A handle to the held lock, or 0 when another tab or worker holds it.</summary>
    [JSImport("lockTry", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.Number>>]
    public static partial Task<int> TryAcquireAsync(string name);

    [JSImport("lockRelease", BrowserModule.Name)]
    public static partial void Release(int handle);
}
