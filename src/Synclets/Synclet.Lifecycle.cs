using Microsoft.Extensions.Logging;
using Synclets.Connectors;
using Synclets.Transports;

namespace Synclets;

/// <summary>Claiming and releasing the parts; starting, stopping and syncing.</summary>
public sealed partial class Synclet
{
    /// <summary>Marks every part as this synclet's, or none of them if one already belongs to another.</summary>
    private void ClaimParts(TimeProvider timeProvider)
    {
        var claimed = new List<Action>();
        void Fail(string message)
        {
            claimed.ForEach(release => release());
            throw new InvalidOperationException(message);
        }

        if (DataConnector is { } data)
        {
            if (!data.TryMarkAttached())
            {
                Fail("Data connector is already attached to a synclet");
            }

            claimed.Add(data.MarkDetached);
        }

        if (MetaConnector is { } meta)
        {
            if (!meta.TryMarkAttached())
            {
                Fail("Meta connector is already attached to a synclet");
            }

            claimed.Add(meta.MarkDetached);
        }

        // A transport listed twice counts as already attached the second time.
        foreach (var transport in Transports)
        {
            if (!transport.TryAttach(Id, _logger, timeProvider, this))
            {
                Fail("Transport is already attached to a synclet");
            }

            claimed.Add(transport.Detach);
        }
    }

    private async Task AttachConnectorsAsync(CancellationToken cancellationToken)
    {
        var context = new ConnectorAttachContext(Id, _logger, SyncChangedAtomsAsync);
        if (DataConnector is not null)
        {
            await DataConnector.AttachAsync(context, cancellationToken).ConfigureAwait(false);
        }

        if (MetaConnector is not null)
        {
            await MetaConnector.AttachAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DetachPartsAsync()
    {
        foreach (var transport in Transports)
        {
            transport.Detach();
        }

        foreach (var connector in new Connector?[] { DataConnector, MetaConnector })
        {
            if (connector is not null)
            {
                try
                {
                    await connector.DetachAsync().ConfigureAwait(false);
                }
                finally
                {
                    connector.MarkDetached();
                }
            }
        }
    }

    private async Task StartNowAsync(CancellationToken cancellationToken)
    {
        if (IsStarted)
        {
            return;
        }

        _logger.LogInformation("[{SyncletId}] start", Id);
        if (_hooks.OnStart is { } onStart)
        {
            await onStart(cancellationToken).ConfigureAwait(false);
        }

        var connected = new List<Transport>();
        try
        {
            foreach (var transport in Transports)
            {
                await transport.StartAsync(cancellationToken).ConfigureAwait(false);
                connected.Add(transport);
            }

            StartPeriodicSyncs();
        }
        catch
        {
            // All or nothing: a half-started synclet would hold pool places it never releases.
            await StopPeriodicSyncsAsync().ConfigureAwait(false);
            foreach (var transport in connected)
            {
                await StopQuietlyAsync(transport).ConfigureAwait(false);
            }

            throw;
        }

        IsStarted = true;
        await SyncNowAsync(Address.Root, Transports, cancellationToken).ConfigureAwait(false);
    }

    private async Task StopNowAsync(CancellationToken cancellationToken)
    {
        if (!IsStarted)
        {
            return;
        }

        _logger.LogInformation("[{SyncletId}] stop", Id);
        IsStarted = false;
        _peerSyncs.EndAll("the synclet stopped");
        await StopPeriodicSyncsAsync().ConfigureAwait(false);
        try
        {
            if (_hooks.OnStop is { } onStop)
            {
                await onStop(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var transport in Transports)
            {
                await StopQuietlyAsync(transport).ConfigureAwait(false);
            }
        }
    }

    private async Task StopQuietlyAsync(Transport transport)
    {
        try
        {
            await transport.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "[{SyncletId}] a transport failed to disconnect", Id);
        }
    }
}
