using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace Synclets.Browser;

/// <summary>
/// Loads the package's ES module (<c>_content/Synclets.Browser/synclets-browser.js</c>) once per
/// page or worker. The connectors and the transport load it themselves when first used; an app
/// calls <see cref="LoadAsync"/> only to load it earlier, or from another address.
/// </summary>
[SupportedOSPlatform("browser")]
public static class BrowserModule
{
    /// <summary>The name the module is imported under.</summary>
    internal const string Name = "Synclets.Browser";

    /// <summary>
    /// Where the module is served by default, relative to the runtime's <c>_framework</c> folder
    /// (so an app served below a base path finds it too).
    /// </summary>
    public const string DefaultUrl = "../_content/Synclets.Browser/synclets-browser.js";

    private static Task? _loading;

    /// <summary>Loads the module from <paramref name="url"/> (<see cref="DefaultUrl"/> when null); later calls return the first load.</summary>
    /// <exception cref="JSException">The module could not be fetched or evaluated; the message names the address.</exception>
    public static Task LoadAsync(string? url = null, CancellationToken cancellationToken = default)
    {
        var loading = _loading ??= ImportAsync(url ?? DefaultUrl, cancellationToken);
        if (loading.IsFaulted || loading.IsCanceled)
        {
            // A failed load (the app was offline, say) is tried again next time rather than cached.
            _loading = null;
        }

        return loading;
    }

    private static async Task ImportAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            await JSHost.ImportAsync(Name, url, cancellationToken).ConfigureAwait(false);
        }
        catch (JSException exception)
        {
            _loading = null;
            throw new JSException($"Synclets.Browser could not load its JavaScript module from '{url}': {exception.Message}. Is the package's static web asset served (a Blazor app serves _content/ by itself)?");
        }
    }
}
