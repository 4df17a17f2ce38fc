using System.Runtime.Versioning;
using Synclets.Browser.Interop;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>One Web Storage item holding a whole tree as JSON text.</summary>
[SupportedOSPlatform("browser")]
internal sealed class WebStorageItem(WebStorageArea area, string storageName)
{
    public WebStorageArea Area { get; } = area;

    public string StorageName { get; } = storageName;

    private bool IsLocal => Area == WebStorageArea.Local;

    private string AreaName => IsLocal ? "localStorage" : "sessionStorage";

    /// <summary>The stored text, or null when the item does not exist.</summary>
    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        await BrowserModule.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return JsWebStorage.Get(IsLocal, StorageName);
    }

    /// <summary>Replaces the stored text in one call: the browser stores all of it or none.</summary>
    /// <exception cref="WebStorageQuotaExceededException">The quota is full; the old text is kept.</exception>
    public void Write(string text)
    {
        switch (JsWebStorage.Set(IsLocal, StorageName, text))
        {
            case null:
                return;
            case "quota":
                throw new WebStorageQuotaExceededException(Area, StorageName, text.Length);
            case var error:
                throw new IOException($"The browser refused to write {AreaName} item '{StorageName}': {error}");
        }
    }

    /// <summary>Puts back the text an item held before (removes it when it had none).</summary>
    public void Restore(string? text)
    {
        if (text is null)
        {
            JsWebStorage.Remove(IsLocal, StorageName);
        }
        else
        {
            Write(text);
        }
    }

    /// <summary>An error for stored text that is not a tree of the connector's shape; the item is left as it is.</summary>
    public InvalidDataException Damaged(string what, int depth) =>
        new($"{AreaName} item '{StorageName}' does not hold a synclet tree of depth {depth}: {what}. It was left unchanged; remove it, or open it with the depth it was written with.");
}
