using VpceProbe.Agent.Host;

namespace VpceProbe.Agent.Tests.Host;

public class HostFactsReaderTests
{
    [Fact]
    public void nameservers_are_the_nameserver_lines_of_resolv_conf()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "# generated\nsearch ec2.internal\nnameserver 10.0.0.2\n  nameserver\tfd00:ec2::253\noptions timeout:2\n");
            Assert.Equal(["10.0.0.2", "fd00:ec2::253"], HostFactsReader.Nameservers(file)!);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void an_unreadable_resolv_conf_leaves_the_fact_out() =>
        Assert.Null(HostFactsReader.Nameservers("/nonexistent/resolv.conf"));

    [Fact]
    public void host_facts_describe_this_machine_without_loopback()
    {
        var facts = HostFactsReader.Read("us-east-1");
        Assert.Equal(Environment.MachineName, facts.Hostname);
        Assert.Equal("us-east-1", facts.Region);
        Assert.DoesNotContain("127.0.0.1", facts.Addresses ?? []);
    }
}
