namespace Synclets.WebSockets.Server;

/// <summary>One WebSocket client of a room, as <see cref="WsServer.GetClients"/> sees it at that moment.</summary>
/// <param name="Id">The id the server gave the client (its peers see it as the sender of its packets).</param>
/// <param name="ConnectedSince">When its WebSocket was accepted, by the server's clock.</param>
/// <param name="FramesReceived">Messages the server read from it (relayed or dropped).</param>
/// <param name="FramesSent">Messages the server sent it.</param>
/// <param name="QueuedBytes">Bytes waiting to be sent to it.</param>
public sealed record WsClientInfo(string Id, DateTimeOffset ConnectedSince, long FramesReceived, long FramesSent, long QueuedBytes);
