using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.DataPlane;

public class VpcHostsTests
{
    private static string Hosts(VpcState state) => VpcStates.Planner.Plan(state).HostsFile;

    private static string Line(string address, string name) => $"{address} {name}\n";

    [Fact]
    public void service_names_resolve_to_public_addresses_without_endpoints()
    {
        var hosts = Hosts(VpcStates.Walkthrough());

        Assert.Contains(Line(VpcStates.Internet.ServiceAddresses["secretsmanager"], "secretsmanager.us-east-1.amazonaws.com"), hosts, StringComparison.Ordinal);
        Assert.Contains(Line(VpcStates.Internet.WebHosts["google.com"], "google.com"), hosts, StringComparison.Ordinal);
    }

    [Fact]
    public void an_available_interface_endpoint_with_private_dns_answers_with_its_eni_address()
    {
        var state = VpcStates.Walkthrough(true, VpcStates.Interface("secretsmanager"));
        var eni = VpcStates.Planner.Plan(state).Enis.Single().Address;

        var hosts = Hosts(state);

        Assert.Contains(Line(eni, "secretsmanager.us-east-1.amazonaws.com"), hosts, StringComparison.Ordinal);
        Assert.DoesNotContain(Line(VpcStates.Internet.ServiceAddresses["secretsmanager"], "secretsmanager.us-east-1.amazonaws.com"), hosts, StringComparison.Ordinal);
    }

    [Fact]
    public void a_pending_interface_endpoint_leaves_the_name_public()
    {
        var hosts = Hosts(VpcStates.Walkthrough(true, VpcStates.Interface("secretsmanager", EndpointLifecycle.Pending)));

        Assert.Contains(Line(VpcStates.Internet.ServiceAddresses["secretsmanager"], "secretsmanager.us-east-1.amazonaws.com"), hosts, StringComparison.Ordinal);
    }

    [Fact]
    public void private_dns_needs_both_vpc_dns_attributes()
    {
        var state = VpcStates.Walkthrough(true, VpcStates.Interface("secretsmanager")) with { EnableDnsHostnames = false };

        Assert.Contains(Line(VpcStates.Internet.ServiceAddresses["secretsmanager"], "secretsmanager.us-east-1.amazonaws.com"), Hosts(state), StringComparison.Ordinal);
    }

    [Fact]
    public void an_endpoint_without_private_dns_keeps_the_public_name_but_answers_its_own_vpce_name()
    {
        var state = VpcStates.Walkthrough(true, VpcStates.Interface("secretsmanager", privateDns: false));
        var eni = VpcStates.Planner.Plan(state).Enis.Single().Address;

        var hosts = Hosts(state);

        Assert.Contains(Line(VpcStates.Internet.ServiceAddresses["secretsmanager"], "secretsmanager.us-east-1.amazonaws.com"), hosts, StringComparison.Ordinal);
        Assert.Contains(Line(eni, EndpointDnsName.Regional("vpce-secretsmanager", "secretsmanager", "us-east-1")), hosts, StringComparison.Ordinal);
    }
}
