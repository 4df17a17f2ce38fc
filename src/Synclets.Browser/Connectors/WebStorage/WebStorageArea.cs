namespace Synclets.Browser.Connectors.WebStorage;

/// <summary>Which of the browser's Web Storage areas a connector keeps its tree in.</summary>
public enum WebStorageArea
{
    /// <summary><c>localStorage</c>: kept across sessions, shared by the origin's tabs.</summary>
    Local,

    /// <summary><c>sessionStorage</c>: kept for the tab's session (reloads included), one per tab.</summary>
    Session,
}
