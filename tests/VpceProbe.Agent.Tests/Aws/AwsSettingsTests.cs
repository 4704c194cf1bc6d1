using VpceProbe.Agent.Aws;

namespace VpceProbe.Agent.Tests.Aws;

public class AwsSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void the_plan_endpoint_wins_over_the_environment()
    {
        var settings = new AwsSettings("eu-west-1", new Dictionary<string, string> { ["secretsmanager"] = "http://plan:1" },
            Env(("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://env:2"), ("AWS_ENDPOINT_URL", "http://global:3")));

        Assert.Equal("http://plan:1", settings.ConfiguredEndpoint("secretsmanager", "SECRETS_MANAGER"));
    }

    [Fact]
    public void plan_endpoint_keys_are_case_insensitive() =>
        Assert.Equal("http://plan:1", new AwsSettings(null, new Dictionary<string, string> { ["S3"] = "http://plan:1" }, Env()).PlanEndpoint("s3"));

    [Fact]
    public void the_service_variable_wins_over_the_global_one()
    {
        var settings = new AwsSettings(null, null, Env(("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://env:2"), ("AWS_ENDPOINT_URL", "http://global:3")));

        Assert.Equal("http://env:2", settings.ConfiguredEndpoint("secretsmanager", "SECRETS_MANAGER"));
        Assert.Equal("http://global:3", settings.ConfiguredEndpoint("sts", "STS"));
    }

    [Fact]
    public void ignore_configured_endpoint_urls_leaves_the_public_default()
    {
        var settings = new AwsSettings(null, null, Env(("AWS_ENDPOINT_URL", "http://global:3"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")));

        Assert.Null(settings.ConfiguredEndpoint("secretsmanager", "SECRETS_MANAGER"));
    }

    [Fact]
    public void no_region_leaves_it_to_the_sdk_chain()
    {
        Assert.Null(new AwsSettings(" ", null, Env()).RegionEndpoint);
        Assert.Equal("ap-south-1", new AwsSettings("ap-south-1", null, Env()).RegionEndpoint!.SystemName);
    }
}
