namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>
/// The browser refused to store a tree because the origin's Web Storage quota (about 5 MB) is full.
/// The item keeps its previous value, and the batch that would have exceeded it is rolled back.
/// </summary>
public sealed class WebStorageQuotaExceededException : IOException
{
    /// <summary>Creates the exception for the item <paramref name="storageName"/> of <paramref name="area"/>.</summary>
    public WebStorageQuotaExceededException(WebStorageArea area, string storageName, int characters)
        : base($"The browser's {(area == WebStorageArea.Local ? "localStorage" : "sessionStorage")} quota is full: item '{storageName}' could not grow to {characters:N0} characters. Nothing of this batch was stored; the item keeps its previous tree. Free space in the origin's storage, or keep larger trees in IndexedDB (IndexedDbStore).")
    {
        Area = area;
        StorageName = storageName;
    }

    /// <summary>The storage area that is full.</summary>
    public WebStorageArea Area { get; }

    /// <summary>The item that could not be written.</summary>
    public string StorageName { get; }
}
