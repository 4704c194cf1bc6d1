using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Host;

/// <summary>
/// Where the report comes from: a report read a week later must say which instance, which subnet address
/// and which resolvers it describes. Every fact is best effort: a missing one is left out, never fatal.
/// </summary>
internal static class HostFactsReader
{
    public const string ResolvConf = "/etc/resolv.conf";

    public static HostFacts Read(string? region) => new()
    {
        Hostname = Environment.MachineName,
        Os = RuntimeInformation.OSDescription,
        Architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        Addresses = Addresses(),
        Nameservers = Nameservers(ResolvConf),
        HostsEntries = InstanceOverrides.HostsEntries(InstanceOverrides.EtcHosts),
        Proxy = InstanceOverrides.Proxy(Environment.GetEnvironmentVariables()),
        Region = region,
    };

    /// <summary>The "nameserver" lines of a resolv.conf; null when the file cannot be read.</summary>
    public static List<string>? Nameservers(string path)
    {
        try
        {
            return [.. File.ReadLines(path)
                .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                .Where(words => words is ["nameserver", _, ..])
                .Select(words => words[1])];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static List<string>? Addresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.NetworkInterfaceType != NetworkInterfaceType.Loopback && n.OperationalStatus != OperationalStatus.Down)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address)
                .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal)
                .Select(a => a.ToString())
                .Distinct()];
        }
        catch (NetworkInformationException)
        {
            return null;
        }
    }
}
