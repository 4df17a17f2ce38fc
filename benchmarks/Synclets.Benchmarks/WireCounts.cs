using Synclets.Transports;

namespace Synclets.Benchmarks;

/// <summary>
/// Bytes and messages sent by transports. No wrapping transport is needed: the base
/// <see cref="Transport"/> counts every packet in <see cref="Transport.Statistics"/> as it hands it
/// to the subclass to send — the point where a wrapper would count — so the sum of the peers'
/// statistics is what crossed the wire.
/// </summary>
internal static class WireCounts
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    public static (long Bytes, long Messages) Sent(params Transport[] transports) =>
        (transports.Sum(transport => transport.Statistics.BytesSent), transports.Sum(transport => transport.Statistics.MessagesSent));

    /// <summary>
    /// Waits until the transports sent nothing for a moment: replies still in flight once the last
    /// atom arrived (acknowledgements, final hash comparisons) belong to the sync too.
    /// </summary>
    public static async Task<(long Bytes, long Messages)> SettledAsync(params Transport[] transports)
    {
        var last = Sent(transports);
        while (true)
        {
            await Task.Delay(Quiet);
            var now = Sent(transports);
            if (now == last)
            {
                return now;
            }

            last = now;
        }
    }
}
