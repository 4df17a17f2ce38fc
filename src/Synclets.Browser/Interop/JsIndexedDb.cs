using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace Synclets.Browser.Interop;

/// <summary>
/// The module's IndexedDB functions. Keys travel as JSON arrays of ids, and lists come back as JSON
/// text, which crosses the boundary as one string however long the list is.
/// </summary>
[SupportedOSPlatform("browser")]
internal static partial class JsIndexedDb
{
    [JSImport("idbOpen", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.Number>>]
    public static partial Task<int> OpenAsync(string name, string storeNames);

    [JSImport("idbClose", BrowserModule.Name)]
    public static partial void Close(int handle);

    [JSImport("idbDeleteDatabase", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.Void>>]
    public static partial Task DeleteDatabaseAsync(string name);

    [JSImport("idbGet", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.String>>]
    public static partial Task<string?> GetAsync(int handle, string store, string key);

    [JSImport("idbGetMany", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.String>>]
    public static partial Task<string> GetManyAsync(int handle, string store, string keys);

    [JSImport("idbChildIds", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.String>>]
    public static partial Task<string> ChildIdsAsync(int handle, string store, string parentKey);

    [JSImport("idbLeaves", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.String>>]
    public static partial Task<string> LeavesAsync(int handle, string store, string parentKey);

    [JSImport("idbLeavesOfMany", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.String>>]
    public static partial Task<string> LeavesOfManyAsync(int handle, string storeNames, string parentKeys);

    [JSImport("idbHasKeyBesides", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.Boolean>>]
    public static partial Task<bool> HasKeyBesidesAsync(int handle, string store, string prefixKey, string excludedKeys);

    [JSImport("idbCommit", BrowserModule.Name)]
    [return: JSMarshalAs<JSType.Promise<JSType.Void>>]
    public static partial Task CommitAsync(int handle, string storeNames, string operations);
}
