using System.Security.Cryptography;
using System.Text;
using Synclets.WebSockets.Server;

namespace Synclets.Tool.Serve;

/// <summary>
/// The secret a client must present to join any room (<c>--token</c>): in an
/// <c>Authorization: Bearer &lt;token&gt;</c> header, or as <c>?token=&lt;token&gt;</c> in the URL,
/// because a browser's WebSocket API cannot set headers. Anything else is refused with 401 before a
/// room is opened.
/// </summary>
internal sealed class UpgradeToken(string secret)
{
    private const string BearerPrefix = "Bearer ";
    private readonly byte[] _secretHash = HashOf(secret);

    /// <inheritdoc cref="WsServerOptions.AuthorizeUpgrade"/>
    public ValueTask<WsUpgradeDecision> AuthorizeAsync(WsUpgradeRequest request, CancellationToken cancellationToken)
    {
        var presented = PresentedBy(request.HttpContext.Request);
        var accepted = presented is not null && CryptographicOperations.FixedTimeEquals(HashOf(presented), _secretHash);
        return ValueTask.FromResult(accepted ? WsUpgradeDecision.Accept : WsUpgradeDecision.Unauthorized);
    }

    /// <summary>The token in the header if there is one, else the one in the query string.</summary>
    private static string? PresentedBy(HttpRequest request)
    {
        if (request.Headers.Authorization is [{ } header] && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return header[BearerPrefix.Length..].Trim();
        }

        return request.Query["token"] is [{ } query] ? query : null;
    }

    // Comparing digests of equal length, in constant time, tells a guesser neither how many leading
    // characters were right nor how long the secret is.
    private static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
