using System.Runtime.Versioning;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>Keeps a synclet's atoms as JSON in the browser's <c>localStorage</c>, under one key.</summary>
[SupportedOSPlatform("browser")]
public sealed class LocalStorageDataConnector : WebStorageDataConnector
{
    /// <summary>Creates the connector for a tree of <paramref name="depth"/> levels kept in item <paramref name="storageName"/>.</summary>
    public LocalStorageDataConnector(int depth, string storageName) : base(WebStorageArea.Local, depth, storageName)
    {
    }

    internal LocalStorageDataConnector(int depth, string storageName, WebStorageCommit commit) : base(WebStorageArea.Local, depth, storageName, commit)
    {
    }
}
