namespace Synclets;

/// <summary>How far a sync has come, reported after each message it received (see <see cref="Synclet.SyncAsync(SyncRequest, CancellationToken)"/>).</summary>
/// <param name="AtomsReceived">Atoms from peers applied since the sync began.</param>
/// <param name="PartsReceived">Messages received and processed since the sync began; a large answer comes in several parts.</param>
/// <param name="PartsOutstanding">Messages sent to the sync's peers whose answer has not come yet; 0 once it is done.</param>
/// <param name="Elapsed">Time since the sync began.</param>
public readonly record struct SyncProgress(long AtomsReceived, long PartsReceived, int PartsOutstanding, TimeSpan Elapsed);
