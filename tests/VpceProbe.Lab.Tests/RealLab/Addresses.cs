using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>The walkthrough topology's lab-only addresses (the internet namespace), read from its definition.</summary>
public static class Addresses
{
    private static readonly InternetSpec Internet = LabTopology.Load("walkthrough").Internet;

    public static string Service(string service) => Internet.ServiceAddresses[service];
}
