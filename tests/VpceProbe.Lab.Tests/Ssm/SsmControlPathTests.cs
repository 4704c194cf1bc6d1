using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Tests.Ssm;

public class SsmControlPathTests
{
    [Theory]
    [InlineData("3.3.1142.0", "ssm ssmmessages")]
    [InlineData("3.3.40.0", "ssm ssmmessages")]
    [InlineData("3.10.0.0", "ssm ssmmessages")]
    [InlineData("4.0", "ssm ssmmessages")]
    [InlineData("3.3.39.9", "ssm ssmmessages ec2messages")]
    [InlineData("3.2.582.0", "ssm ssmmessages ec2messages")]
    [InlineData("2.3.1644.0", "ssm ssmmessages ec2messages")]
    [InlineData(null, "ssm ssmmessages ec2messages")]
    [InlineData("", "ssm ssmmessages ec2messages")]
    [InlineData("latest", "ssm ssmmessages ec2messages")]
    public void agents_from_3_3_40_need_ssm_and_ssmmessages_others_and_unknown_all_three(string? version, string services)
    {
        Assert.Equal(services, string.Join(' ', SsmControlPath.RequiredServices(version)));
    }

    [Fact]
    public void a_set_of_agents_needs_what_any_of_them_needs_in_a_fixed_order()
    {
        Assert.Equal(["ssm", "ssmmessages"], SsmControlPath.RequiredServices(["3.3.1142.0", "3.3.40.0"]));
        Assert.Equal(["ssm", "ssmmessages", "ec2messages"], SsmControlPath.RequiredServices(["3.3.1142.0", "3.2.582.0"]));
        Assert.Equal(["ssm", "ssmmessages", "ec2messages"], SsmControlPath.RequiredServices(["3.3.1142.0", null]));
        Assert.Empty(SsmControlPath.RequiredServices(Array.Empty<string?>()));
    }

    [Fact]
    public void the_explanation_names_the_version_and_the_threshold()
    {
        Assert.Equal("SSM Agent 3.2.582.0 (< 3.3.40.0): ssm, ssmmessages and ec2messages", SsmControlPath.Explain("3.2.582.0"));
        Assert.Equal("SSM Agent 3.3.1142.0 (>= 3.3.40.0): ssm and ssmmessages", SsmControlPath.Explain("3.3.1142.0"));
        Assert.Equal("SSM Agent version unknown: ssm, ssmmessages and ec2messages", SsmControlPath.Explain(null));
    }

    [Fact]
    public void the_lab_default_is_a_current_agent()
    {
        Assert.Equal(["ssm", "ssmmessages"], SsmControlPath.RequiredServices(SsmControlPath.DefaultLabAgentVersion));
    }
}
