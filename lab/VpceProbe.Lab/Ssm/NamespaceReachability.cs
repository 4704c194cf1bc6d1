using System.Net;
using System.Net.Sockets;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// The real heartbeat: resolve ssm, ssmmessages and ec2messages with the instance's own resolver (the VPC
/// resolver, so private DNS of interface endpoints is honoured), then open TCP 443 to each answer from inside
/// the namespace. A silent drop (no NAT route, a security group) shows as a connect timeout.
/// </summary>
public sealed class NamespaceReachability(IDataPlane dataPlane, string region, TimeSpan connectTimeout) : ISsmReachability
{
    private static readonly string[] Services = ["ssm", "ssmmessages", "ec2messages"];

    public async Task<bool> ReachesSsmAsync(string namespaceName, CancellationToken cancellationToken)
    {
        var names = Services.Select(s => $"{s}.{region}.amazonaws.com").ToList();
        // One getent for the three names: one process per heartbeat instead of three.
        var lookup = await dataPlane.RunAsync(namespaceName, ["getent", "hosts", .. names], connectTimeout, cancellationToken).ConfigureAwait(false);
        var addresses = Parse(lookup.StandardOutput);
        if (!names.All(addresses.ContainsKey))
        {
            return false;
        }

        var connects = names.Select(n => ConnectsAsync(namespaceName, addresses[n], cancellationToken));
        return (await Task.WhenAll(connects).ConfigureAwait(false)).All(ok => ok);
    }

    private async Task<bool> ConnectsAsync(string namespaceName, IPAddress address, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            using var socket = await dataPlane.ConnectAsync(namespaceName, new IPEndPoint(address, 443), timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // getent hosts prints "ADDRESS   NAME [ALIASES]" per name it resolved.
    internal static Dictionary<string, IPAddress> Parse(string output)
    {
        var result = new Dictionary<string, IPAddress>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && IPAddress.TryParse(fields[0], out var address))
            {
                foreach (var name in fields.Skip(1))
                {
                    result.TryAdd(name, address);
                }
            }
        }

        return result;
    }
}
