using VpceProbe.Harness.Audit;

namespace VpceProbe.Harness.Tests.Audit;

public class CidrsTests
{
    [Theory]
    [InlineData("10.0.0.0/16", "10.0.2.0/24", true)]
    [InlineData("10.0.2.0/24", "10.0.0.0/16", false)]
    [InlineData("52.216.0.0/15", "52.217.0.0/16", true)]
    [InlineData("0.0.0.0/0", "10.0.0.0/8", true)]
    [InlineData("::/0", "10.0.0.0/8", false)]
    [InlineData("not-a-cidr", "10.0.0.0/8", false)]
    public void contains_means_every_address_of_the_inner_range(string outer, string inner, bool expected)
    {
        Assert.Equal(expected, Cidrs.Contains(outer, inner));
    }
}
