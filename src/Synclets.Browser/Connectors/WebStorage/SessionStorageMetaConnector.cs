using System.Runtime.Versioning;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>Keeps a synclet's timestamps as JSON in the browser's <c>sessionStorage</c>, under one key.</summary>
[SupportedOSPlatform("browser")]
public sealed class SessionStorageMetaConnector : WebStorageMetaConnector
{
    /// <summary>Creates the connector for a tree of <paramref name="depth"/> levels kept in item <paramref name="storageName"/>.</summary>
    public SessionStorageMetaConnector(int depth, string storageName) : base(WebStorageArea.Session, depth, storageName)
    {
    }

    internal SessionStorageMetaConnector(int depth, string storageName, WebStorageCommit commit) : base(WebStorageArea.Session, depth, storageName, commit)
    {
    }
}
