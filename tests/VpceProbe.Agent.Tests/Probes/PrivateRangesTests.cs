using System.Net;
using VpceProbe.Agent.Probes;

namespace VpceProbe.Agent.Tests.Probes;

public class PrivateRangesTests
{
    [Theory]
    [InlineData("10.0.1.5", true)]
    [InlineData("172.31.255.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.4.4", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("100.128.0.1", false)]
    [InlineData("fd12::1", true)]
    [InlineData("2600:1f18::1", false)]
    [InlineData("::ffff:10.0.1.5", true)]
    [InlineData("52.216.0.1", false)]
    public void default_ranges_are_rfc1918_rfc6598_and_ula(string address, bool inside) =>
        Assert.Equal(inside, PrivateRanges.Contains(PrivateRanges.Default, IPAddress.Parse(address)));

    [Fact]
    public void plan_vpc_cidrs_replace_the_defaults()
    {
        var ranges = PrivateRanges.For(["10.1.0.0/16"]);
        Assert.True(PrivateRanges.Contains(ranges, IPAddress.Parse("10.1.2.3")));
        Assert.False(PrivateRanges.Contains(ranges, IPAddress.Parse("10.2.0.1")));
        Assert.Same(PrivateRanges.Default, PrivateRanges.For([]));
    }
}
