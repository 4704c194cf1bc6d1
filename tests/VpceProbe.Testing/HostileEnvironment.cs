namespace VpceProbe.Testing;

/// <summary>
/// A caller's environment that breaks anything it leaks into: instance metadata disabled, another region, a
/// profile that does not exist, a proxy nobody answers, an endpoint nobody answers, another HOME. Tests give it
/// to the harness or the lab and assert that no result changes and no instance sees it.
/// </summary>
public static class HostileEnvironment
{
    public const string Region = "eu-west-3";
    public const string Profile = "nonexistent-profile";
    public const string DeadProxy = "http://127.0.0.1:9";

    public static IReadOnlyDictionary<string, string?> For(string home) => new Dictionary<string, string?>
    {
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_REGION"] = Region,
        ["AWS_DEFAULT_REGION"] = "ap-south-1",
        ["AWS_PROFILE"] = Profile,
        ["AWS_ENDPOINT_URL"] = DeadProxy,
        ["HTTPS_PROXY"] = DeadProxy,
        ["https_proxy"] = DeadProxy,
        ["HOME"] = home,
    };
}
