using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>The walkthrough topology's lab-only addresses (the internet namespace), read from its definition.</summary>
public static class Addresses
{
    private static readonly InternetSpec Internet = LabTopology.Load("walkthrough").Internet;

    public static string Service(string service) => Internet.ServiceAddresses[service];

    /// <summary>Every name the lab's internet answers for (web hosts and services' public names, in <paramref name="region"/>) with its address.</summary>
    public static IEnumerable<(string Name, string Address)> PublicNames(string region) =>
        Internet.WebHosts.Select(w => (w.Key, w.Value)).Concat(Internet.ServiceAddresses.Select(s => ($"{s.Key}.{region}.amazonaws.com", s.Value)));
}
