using System.IO.Pipes;

namespace Synclets.Transports.Local;

/// <summary>A channel's named pipe on Windows, open to the current user only.</summary>
internal sealed class NamedPipeEndpoint(string pipeName) : LocalEndpoint
{
    private const PipeOptions Options = PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly;

    public override async Task<Stream?> TryConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, Options);
        try
        {
            await pipe.ConnectAsync(timeout, cancellationToken).ConfigureAwait(false);
            return pipe;
        }
        catch (Exception exception) when (exception is TimeoutException or IOException or UnauthorizedAccessException)
        {
            pipe.Dispose();
            return null;
        }
        catch
        {
            pipe.Dispose();
            throw;
        }
    }

    public override LocalListener Listen() => new Listener(pipeName);

    /// <summary>A pipe instance per connection: each waits for one client and is handed over when it comes.</summary>
    private sealed class Listener(string pipeName) : LocalListener
    {
        public override async Task<Stream> AcceptAsync(CancellationToken cancellationToken)
        {
            var pipe = new NamedPipeServerStream(pipeName, PipeDirection.InOut, NamedPipeServerStream.MaxAllowedServerInstances, PipeTransmissionMode.Byte, Options);
            try
            {
                await pipe.WaitForConnectionAsync(cancellationToken).ConfigureAwait(false);
                return pipe;
            }
            catch
            {
                await pipe.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        // A pipe disappears with its last handle: nothing is left behind.
        public override void Dispose()
        {
        }
    }
}
