using System.Globalization;
using System.Net;

namespace Synclets.Tool.Serve;

/// <summary>Where a server joins its cluster (<c>--cluster</c>, <c>--cluster-id</c>, <c>--silo</c>).</summary>
/// <param name="Membership">The PostgreSQL connection string of the database the cluster's membership is kept in.</param>
/// <param name="ClusterId">The cluster's name: nodes with the same database and name form one cluster.</param>
/// <param name="SiloAddress">The address other nodes reach this one at.</param>
/// <param name="SiloPort">The port other nodes reach this one at.</param>
internal sealed record ClusterArguments(string Membership, string ClusterId, IPAddress SiloAddress, int SiloPort)
{
    private const string DefaultClusterId = "synclets";
    private const string DefaultSilo = "127.0.0.1:11111";

    /// <summary>The cluster arguments, or null when <c>--cluster</c> is not given.</summary>
    /// <exception cref="ArgumentException">An option is out of place or malformed.</exception>
    public static ClusterArguments? Parse(string? membership, string? clusterId, string? silo, string? sqliteStore)
    {
        if (membership is null)
        {
            return clusterId is null && silo is null
                ? null
                : throw new ArgumentException("--cluster-id and --silo describe a cluster node: use them with --cluster.");
        }

        if (sqliteStore is not null)
        {
            throw new ArgumentException("--store keeps rooms in a file of this machine, which other nodes cannot share: store a cluster's rooms with --postgres.");
        }

        if (clusterId is { Length: 0 or > 150 })
        {
            throw new ArgumentException("--cluster-id must be 1 to 150 characters.");
        }

        var endpoint = silo ?? DefaultSilo;
        if (!IPEndPoint.TryParse(endpoint, out var parsed) || parsed.Port == 0
            || !endpoint.Contains(':', StringComparison.Ordinal) || parsed.Port.ToString(CultureInfo.InvariantCulture) != endpoint[(endpoint.LastIndexOf(':') + 1)..])
        {
            throw new ArgumentException($"--silo takes an IP address and a port, as in {DefaultSilo}; '{endpoint}' is not one.");
        }

        return new ClusterArguments(membership, clusterId ?? DefaultClusterId, parsed.Address, parsed.Port);
    }
}
