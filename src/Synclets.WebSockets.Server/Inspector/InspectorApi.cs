using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Synclets.WebSockets.Server.Inspector;

/// <summary>
/// The inspector's data: the server's figures with its rooms and their clients, and a stored room's
/// tree, one parent at a time. Every answer is bounded (rooms, clients and children per page),
/// whatever the number of rooms or the size of a tree.
/// </summary>
internal static class InspectorApi
{
    /// <summary>The most rooms one overview lists (in ordinal order of their ids).</summary>
    public const int MaxRoomsShown = 200;

    /// <summary>The most clients listed per room (oldest first).</summary>
    public const int MaxClientsShown = 100;

    /// <summary>The most children one page of a tree lists.</summary>
    public const int MaxChildrenShown = 200;

    /// <summary>GET …/api/overview: the server's counters, and the rooms this request may see with their clients.</summary>
    public static async Task WriteOverviewAsync(WsServer server, HttpContext context)
    {
        if (!await InspectorAccess.AllowAsync(server, context, string.Empty).ConfigureAwait(false))
        {
            return;
        }

        var roomIds = server.GetRoomIds().Order(StringComparer.Ordinal).ToList();
        var shown = new List<string>();
        foreach (var roomId in roomIds)
        {
            if (shown.Count == MaxRoomsShown)
            {
                break;
            }

            if (await InspectorAccess.DecideAsync(server, context, roomId).ConfigureAwait(false) == WsUpgradeDecision.Accept)
            {
                shown.Add(roomId);
            }
        }

        await WriteJsonAsync(context, json =>
        {
            json.WriteString("server", server.Options.Name);
            json.WriteString("now", server.TimeProvider.GetUtcNow());
            WriteCounters(json, server);
            json.WriteNumber("roomCount", roomIds.Count);
            json.WriteStartArray("rooms");
            foreach (var roomId in shown)
            {
                WriteRoom(json, server, roomId);
            }

            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    /// <summary>GET …/api/tree?room=R&amp;id=a&amp;id=b[&amp;after=x]: one page of the children of address [a, b] in room R's stored tree.</summary>
    public static async Task WriteTreeAsync(WsServer server, HttpContext context)
    {
        var roomId = context.Request.Query["room"].ToString();
        if (!await InspectorAccess.AllowAsync(server, context, roomId).ConfigureAwait(false))
        {
            return;
        }

        if (server.GetRoomSynclet(roomId) is not { DataConnector: not null } synclet)
        {
            await WriteProblemAsync(context, StatusCodes.Status404NotFound, "This room is not stored on this server, or has no clients now.").ConfigureAwait(false);
            return;
        }

        var ids = context.Request.Query["id"].Select(id => id ?? string.Empty).ToArray();
        if (ids.Length >= synclet.Depth)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, $"A parent's address in this room has fewer than {synclet.Depth} ids.").ConfigureAwait(false);
            return;
        }

        var after = context.Request.Query["after"] is { Count: > 0 } afterValues ? afterValues.ToString() : null;
        var page = await synclet.ListChildrenAsync(new Address(ids), after, MaxChildrenShown, context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, json =>
        {
            json.WriteString("room", roomId);
            json.WriteNumber("depth", synclet.Depth);
            InspectorJson.WriteAddress(json, "address", page.Address);
            json.WriteBoolean("hasMore", page.HasMore);
            json.WriteStartArray("children");
            foreach (var child in page.Children)
            {
                json.WriteStartObject();
                json.WriteString("id", child.Id);
                json.WriteBoolean("leaf", child.IsLeaf);
                if (child.IsLeaf)
                {
                    json.WriteBoolean("deleted", child.Atom is null);
                    InspectorJson.WriteAtom(json, "value", child.Atom);
                    InspectorJson.WriteTimestamp(json, child.Timestamp);
                }
                else
                {
                    json.WriteString("hash", child.Hash?.ToString("x8"));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    public static Task WriteProblemAsync(HttpContext context, int status, string problem)
    {
        context.Response.StatusCode = status;
        return WriteJsonAsync(context, json => json.WriteString("error", problem));
    }

    private static void WriteCounters(Utf8JsonWriter json, WsServer server)
    {
        var statistics = server.Statistics;
        json.WriteStartObject("counters");
        json.WriteNumber("clients", server.ClientCount);
        json.WriteNumber("rooms", server.RoomCount);
        json.WriteNumber("backlogBytes", statistics.QueuedBytes);
        json.WriteNumber("maxBacklogBytes", server.Options.MaxQueuedBytes);
        json.WriteNumber("connectionsAccepted", statistics.ClientsAccepted);
        json.WriteNumber("upgradesRefused", statistics.UpgradesRefused);
        json.WriteNumber("roomsRefused", statistics.RoomsRefused);
        json.WriteNumber("framesReceived", statistics.PacketsReceived);
        json.WriteNumber("framesRelayed", statistics.PacketsDelivered);
        json.WriteNumber("framesDropped", statistics.PacketsDropped);
        json.WriteNumber("framesRateLimited", statistics.PacketsRateLimited);
        json.WriteNumber("framesInvalid", statistics.InvalidFrames);
        json.WriteNumber("clientsDisconnected", statistics.SlowClientsDisconnected + statistics.FloodersDisconnected + statistics.IdleClientsDisconnected);
        json.WriteEndObject();
    }

    private static void WriteRoom(Utf8JsonWriter json, WsServer server, string roomId)
    {
        var clients = server.GetClients(roomId);
        json.WriteStartObject();
        json.WriteString("id", roomId);
        json.WriteNumber("clientCount", clients.Count);
        json.WriteStartArray("clients");
        foreach (var client in clients.Take(MaxClientsShown))
        {
            json.WriteStartObject();
            json.WriteString("id", client.Id);
            json.WriteString("connectedSince", client.ConnectedSince);
            json.WriteNumber("framesReceived", client.FramesReceived);
            json.WriteNumber("framesSent", client.FramesSent);
            json.WriteNumber("backlogBytes", client.QueuedBytes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (server.GetRoomSynclet(roomId) is { DataConnector: not null } synclet)
        {
            var statistics = synclet.Statistics;
            json.WriteStartObject("stored");
            json.WriteString("synclet", synclet.Id);
            json.WriteNumber("depth", synclet.Depth);
            json.WriteNumber("atomsFromClients", statistics.AtomsAppliedRemotely);
            json.WriteNumber("atomsSent", statistics.AtomsSent);
            json.WriteNumber("messagesProcessed", statistics.MessagesProcessed);
            json.WriteNumber("messagesRejected", statistics.MessagesRejected);
            json.WriteNumber("conflicts", statistics.Conflicts);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
