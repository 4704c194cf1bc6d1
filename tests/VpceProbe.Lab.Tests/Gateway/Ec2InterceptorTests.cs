using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Tests.Gateway;

public class Ec2InterceptorTests
{
    [Theory]
    [InlineData("CreateRoute", true)]
    [InlineData("RunInstances", true)]
    [InlineData("ModifyInstanceAttribute", true)]
    [InlineData("DescribeInstances", false)]
    [InlineData("CreateTags", false)]
    [InlineData("DeleteTags", false)]
    public void only_calls_that_can_change_what_packets_do_reconcile_the_data_plane(string action, bool reconciles)
    {
        Assert.Equal(reconciles, Ec2Interceptor.IsMutating(action));
    }
}
