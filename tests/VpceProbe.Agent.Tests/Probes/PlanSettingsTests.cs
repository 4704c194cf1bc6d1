using VpceProbe.Agent.Probes;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Tests.Probes;

public class PlanSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void region_comes_from_the_plan_then_aws_region_then_aws_default_region()
    {
        Assert.Equal("eu-west-1", PlanSettings.From(new ProbePlan { Region = "eu-west-1" }, Env(("AWS_REGION", "us-east-2"))).Region);
        Assert.Equal("us-east-2", PlanSettings.From(new ProbePlan(), Env(("AWS_REGION", "us-east-2"), ("AWS_DEFAULT_REGION", "ap-south-1"))).Region);
        Assert.Equal("ap-south-1", PlanSettings.From(new ProbePlan(), Env(("AWS_DEFAULT_REGION", "ap-south-1"))).Region);
        Assert.Null(PlanSettings.From(new ProbePlan(), Env()).Region);
    }

    [Fact]
    public void endpoint_overrides_are_looked_up_without_regard_to_case()
    {
        var settings = PlanSettings.From(new ProbePlan { Endpoints = new() { ["S3"] = "http://127.0.0.1:5000" } }, Env());
        Assert.Equal("http://127.0.0.1:5000", settings.Endpoints["s3"]);
    }
}
