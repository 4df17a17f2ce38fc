using System.Runtime.Versioning;

namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>Keeps a synclet's timestamps as JSON in the browser's <c>localStorage</c>, under one key.</summary>
[SupportedOSPlatform("browser")]
public sealed class LocalStorageMetaConnector : WebStorageMetaConnector
{
    /// <summary>Creates the connector for a tree of <paramref name="depth"/> levels kept in item <paramref name="storageName"/>.</summary>
    public LocalStorageMetaConnector(int depth, string storageName) : base(WebStorageArea.Local, depth, storageName)
    {
    }

    internal LocalStorageMetaConnector(int depth, string storageName, WebStorageCommit commit) : base(WebStorageArea.Local, depth, storageName, commit)
    {
    }
}
