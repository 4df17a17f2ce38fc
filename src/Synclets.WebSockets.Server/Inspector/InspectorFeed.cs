using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Synclets.WebSockets.Server.Inspector;

/// <summary>
/// GET …/api/feed?room=R: a stored room's changes as they are applied, as server-sent events. Each
/// viewer gets its own bounded queue — a slow viewer loses the oldest changes (and is told how many),
/// never holds the room up — and there are at most <paramref name="maxViewers"/> viewers at a time.
/// </summary>
internal sealed class InspectorFeed(int maxViewers)
{
    /// <summary>Changes kept for a viewer that reads slower than they come.</summary>
    private const int MaxPendingChanges = 512;

    /// <summary>How often an idle feed sends a comment, so proxies keep it open and a closed room ends it.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private int _viewers;

    public async Task ServeAsync(WsServer server, HttpContext context)
    {
        var roomId = context.Request.Query["room"].ToString();
        if (!await InspectorAccess.AllowAsync(server, context, roomId).ConfigureAwait(false))
        {
            return;
        }

        if (server.GetRoomSynclet(roomId) is not { DataConnector: not null } synclet)
        {
            await InspectorApi.WriteProblemAsync(context, StatusCodes.Status404NotFound, "This room is not stored on this server, or has no clients now.").ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _viewers) > maxViewers)
        {
            Interlocked.Decrement(ref _viewers);
            await InspectorApi.WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, $"Already {maxViewers} live feeds are open on this server.").ConfigureAwait(false);
            return;
        }

        try
        {
            await StreamAsync(server, context, roomId, synclet).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || server.Stopping.IsCancellationRequested)
        {
            // The viewer left, or the server stops.
        }
        finally
        {
            Interlocked.Decrement(ref _viewers);
        }
    }

    private static async Task StreamAsync(WsServer server, HttpContext context, string roomId, Synclet synclet)
    {
        var lost = 0;
        var changes = Channel.CreateBounded<AtomChangedEventArgs>(
            new BoundedChannelOptions(MaxPendingChanges) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref lost));

        // Raised on the room synclet's queue: only a non-blocking write happens there.
        void OnChanged(object? sender, AtomChangedEventArgs change) => changes.Writer.TryWrite(change);

        synclet.AtomChanged += OnChanged;
        try
        {
            var response = context.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            await WriteAsync(response, ": changes of the room as they are applied\n\n", context.RequestAborted).ConfigureAwait(false);
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, server.Stopping);
            while (true)
            {
                if (!await WaitForChangesAsync(changes.Reader, ending.Token).ConfigureAwait(false))
                {
                    if (!ReferenceEquals(server.GetRoomSynclet(roomId), synclet))
                    {
                        await WriteAsync(response, "event: closed\ndata: {}\n\n", ending.Token).ConfigureAwait(false);
                        return; // the room closed (its synclet is gone): the page opens a new feed when it reopens
                    }

                    await WriteAsync(response, ": still here\n\n", ending.Token).ConfigureAwait(false);
                    continue;
                }

                var text = new StringBuilder();
                if (Interlocked.Exchange(ref lost, 0) is > 0 and var count)
                {
                    text.Append("event: lost\ndata: {\"count\":").Append(count).Append("}\n\n");
                }

                for (var i = 0; i < 100 && changes.Reader.TryRead(out var change); i++)
                {
                    text.Append("data: ").Append(Describe(change)).Append("\n\n");
                }

                await WriteAsync(response, text.ToString(), ending.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            synclet.AtomChanged -= OnChanged;
        }
    }

    /// <summary>Waits for a change; false after a heartbeat's time without one.</summary>
    private static async Task<bool> WaitForChangesAsync(ChannelReader<AtomChangedEventArgs> reader, CancellationToken cancellationToken)
    {
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        beat.CancelAfter(Heartbeat);
        try
        {
            return await reader.WaitToReadAsync(beat.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Describe(AtomChangedEventArgs change)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            InspectorJson.WriteAddress(json, "address", change.Address);
            json.WriteBoolean("deleted", change.NewAtom is null);
            InspectorJson.WriteAtom(json, "value", change.NewAtom);
            json.WriteString("origin", change.Origin.ToString().ToLowerInvariant());
            InspectorJson.WriteTimestamp(json, change.Timestamp);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
