using Microsoft.AspNetCore.Http;

namespace Synclets.WebSockets.Server.Inspector;

/// <summary>The page, its style sheet and its script, read once from the assembly.</summary>
internal static class InspectorAssets
{
    // The page loads only its own files, and its data through fetch: no inline script, no other origin.
    private const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<byte[]> Page = new(() => Read("index.html"));
    private static readonly Lazy<byte[]> Style = new(() => Read("inspector.css"));
    private static readonly Lazy<byte[]> Script = new(() => Read("inspector.js"));

    public static Task WritePageAsync(HttpContext context) => WriteAsync(context, Page.Value, "text/html; charset=utf-8");

    public static Task WriteStyleAsync(HttpContext context) => WriteAsync(context, Style.Value, "text/css; charset=utf-8");

    public static Task WriteScriptAsync(HttpContext context) => WriteAsync(context, Script.Value, "text/javascript; charset=utf-8");

    private static Task WriteAsync(HttpContext context, byte[] content, string contentType)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length;
        return context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(InspectorAssets).Assembly.GetManifestResourceStream("Synclets.Inspector." + name)
            ?? throw new InvalidOperationException($"The inspector's '{name}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
