namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// A refusal outside `run`'s preflight is still said with the action, the resource and the iam/ file that grants it,
/// as the lab's permission gate answers with each service's own error: discover without
/// ssm:DescribeInstanceInformation warns and goes on; discover without ec2:DescribeRouteTables stops (exit 3).
/// </summary>
[Collection(typeof(RealLabCollection))]
public class DenialLabTests(SharedLab lab)
{
    [Fact]
    public async Task discover_without_describe_instance_information_warns_naming_the_action_and_read_only_json()
    {
        var (code, text) = await DiscoverDeniedAsync("ssm:DescribeInstanceInformation");
        Assert.True(code == 0, text);
        Assert.Contains("AWS refused ssm:DescribeInstanceInformation on * (AccessDeniedException): iam/read-only.json grants it", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task discover_without_describe_route_tables_stops_naming_action_file_and_how_to_decode_the_message()
    {
        var (code, text) = await DiscoverDeniedAsync("ec2:DescribeRouteTables");
        Assert.True(code == 3, text);
        Assert.Contains("AWS refused ec2:DescribeRouteTables", text, StringComparison.Ordinal);
        Assert.Contains("(UnauthorizedOperation): iam/read-only.json grants it", text, StringComparison.Ordinal);
        Assert.Contains("aws sts decode-authorization-message --encoded-message ", text, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Text)> DiscoverDeniedAsync(string action)
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        using var control = new LabActions(lab.GatewayUrl);
        await control.DenyAsync(action);
        try
        {
            return await LabCli.InvokeAsync(lab, "discover", "--vpc", walkthrough.Seeded.Id("vpc", "twtechVPC"));
        }
        finally
        {
            await control.ResetPermissionsAsync();
        }
    }
}
