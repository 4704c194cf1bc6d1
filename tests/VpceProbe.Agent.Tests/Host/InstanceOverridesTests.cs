using System.Collections;
using VpceProbe.Agent.Host;

namespace VpceProbe.Agent.Tests.Host;

public class InstanceOverridesTests
{
    [Fact]
    public void hosts_entries_are_the_lines_pinning_a_name_to_a_non_loopback_address()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "127.0.0.1 localhost\n::1 localhost ip6-localhost\n# a comment\n52.216.1.1   s3.us-east-1.amazonaws.com # pinned\nff02::1 ip6-allnodes\n");
            Assert.Equal(["52.216.1.1 s3.us-east-1.amazonaws.com"], InstanceOverrides.HostsEntries(file)!);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void an_unreadable_hosts_file_leaves_the_fact_out() => Assert.Null(InstanceOverrides.HostsEntries("/nonexistent/hosts"));

    [Theory]
    [InlineData("http://user:secret@proxy.corp:3128", "http://proxy.corp:3128")]
    [InlineData("user:secret@proxy.corp:3128", "proxy.corp:3128")]
    [InlineData("https://proxy.corp:3128/path@x", "https://proxy.corp:3128/path@x")]
    [InlineData("http://proxy.corp:3128", "http://proxy.corp:3128")]
    public void proxy_urls_lose_their_credentials(string value, string shown) => Assert.Equal(shown, InstanceOverrides.WithoutCredentials(value));

    [Fact]
    public void only_set_proxy_variables_are_reported_and_never_with_a_password()
    {
        var environment = new Hashtable { ["HTTPS_PROXY"] = "http://u:p4ss@10.9.9.9:3128", ["PATH"] = "/bin", ["no_proxy"] = "" };

        var proxy = InstanceOverrides.Proxy(environment)!;

        Assert.Equal(["HTTPS_PROXY"], proxy.Keys);
        Assert.DoesNotContain("p4ss", proxy["HTTPS_PROXY"], StringComparison.Ordinal);
        Assert.Null(InstanceOverrides.Proxy(new Hashtable()));
    }
}
