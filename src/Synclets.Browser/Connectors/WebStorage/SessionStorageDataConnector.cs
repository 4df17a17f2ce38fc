using System.Runtime.Versioning;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>Keeps a synclet's atoms as JSON in the browser's <c>sessionStorage</c>, under one key.</summary>
[SupportedOSPlatform("browser")]
public sealed class SessionStorageDataConnector : WebStorageDataConnector
{
    /// <summary>Creates the connector for a tree of <paramref name="depth"/> levels kept in item <paramref name="storageName"/>.</summary>
    public SessionStorageDataConnector(int depth, string storageName) : base(WebStorageArea.Session, depth, storageName)
    {
    }

    internal SessionStorageDataConnector(int depth, string storageName, WebStorageCommit commit) : base(WebStorageArea.Session, depth, storageName, commit)
    {
    }
}
