using System.Runtime.Versioning;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>Makes Web Storage connectors that commit together.</summary>
[SupportedOSPlatform("browser")]
public static class WebStorage
{
    /// <summary>
    /// Creates a data connector (item <paramref name="dataName"/>) and a meta connector (item
    /// <paramref name="metaName"/>) in <paramref name="area"/> whose batches commit together: if the
    /// quota refuses either item, neither changes. Prefer this to creating the two separately.
    /// </summary>
    public static (WebStorageDataConnector Data, WebStorageMetaConnector Meta) CreateConnectors(WebStorageArea area, int depth, string dataName, string metaName)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataName);
        ArgumentException.ThrowIfNullOrEmpty(metaName);
        if (dataName == metaName)
        {
            throw new ArgumentException($"The data and meta connectors need items of their own; both were named '{dataName}'.", nameof(metaName));
        }

        var commit = new WebStorageCommit();
        return area == WebStorageArea.Local
            ? (new LocalStorageDataConnector(depth, dataName, commit), new LocalStorageMetaConnector(depth, metaName, commit))
            : (new SessionStorageDataConnector(depth, dataName, commit), new SessionStorageMetaConnector(depth, metaName, commit));
    }
}
