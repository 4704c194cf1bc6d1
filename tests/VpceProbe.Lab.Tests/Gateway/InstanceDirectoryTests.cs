using Amazon.EC2;
using Amazon.EC2.Model;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.Gateway;

/// <summary>
/// The directory keeps a read while nothing can have changed it (the heartbeat asked moto for the whole fleet every
/// second), and never once something may have: a call through the gateway, or <see cref="InstanceDirectory.MaxAge"/>.
/// The instance is changed behind the directory's back (straight to moto), so only what it kept can explain the answers.
/// </summary>
public class InstanceDirectoryTests(SharedMoto moto)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AmazonEC2Client DirectEc2() => new(TestGateway.Credentials, new AmazonEC2Config { ServiceURL = moto.Server.Url, AuthenticationRegion = "us-east-1" });

    private static async Task TagAsync(AmazonEC2Client ec2, string id, string value) =>
        await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [new Tag("directory-test", value)] }, Ct);

    private static string? TagOf(IReadOnlyList<LabInstance> instances, string id) =>
        instances.Single(i => i.InstanceId == id).Tags.GetValueOrDefault("directory-test");

    [Fact]
    public async Task a_listing_is_kept_until_a_change_through_the_gateway_or_its_age_ends_it()
    {
        using var http = new HttpClient();
        var time = TestGateway.FakeTime();
        var directory = new InstanceDirectory(new MotoQueries(http, new Uri(moto.Server.Url), "us-east-1"), time);
        using var ec2 = DirectEc2();
        var id = (await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-12c6146b", MinCount = 1, MaxCount = 1 }, Ct)).Reservation.Instances[0].InstanceId;
        await TagAsync(ec2, id, "first");
        Assert.Equal("first", TagOf(await directory.ListAsync(Ct), id));

        await TagAsync(ec2, id, "second");
        Assert.Equal("first", TagOf(await directory.ListAsync(Ct), id));
        Assert.Equal("first", (await directory.FindAsync(id, Ct))!.Tags["directory-test"]);

        directory.Changed();
        Assert.Equal("second", TagOf(await directory.ListAsync(Ct), id));

        await TagAsync(ec2, id, "third");
        time.Advance(InstanceDirectory.MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.Equal("second", TagOf(await directory.ListAsync(Ct), id));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("third", TagOf(await directory.ListAsync(Ct), id));
    }

    [Fact]
    public async Task an_instance_the_kept_listing_lacks_is_read_from_moto()
    {
        using var http = new HttpClient();
        var directory = new InstanceDirectory(new MotoQueries(http, new Uri(moto.Server.Url), "us-east-1"), TestGateway.FakeTime());
        using var ec2 = DirectEc2();
        await directory.ListAsync(Ct);
        var id = (await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-12c6146b", MinCount = 1, MaxCount = 1 }, Ct)).Reservation.Instances[0].InstanceId;

        Assert.Equal(id, (await directory.FindAsync(id, Ct))?.InstanceId);
    }

    [Theory]
    [InlineData("ec2", "CreateTags", true)]
    [InlineData("ec2", "TerminateInstances", true)]
    [InlineData("ec2", "DescribeInstances", false)]
    [InlineData("ec2", "GetConsoleOutput", false)]
    [InlineData("iam", "AddRoleToInstanceProfile", true)]
    [InlineData("iam", "ListRoles", false)]
    [InlineData("s3", "PutObject", false)]
    public void calls_that_may_change_instances_or_roles_are_ec2_and_iam_calls_that_are_no_reads(string service, string action, bool changes)
    {
        var body = System.Text.Encoding.UTF8.GetBytes($"Action={action}&Version={(service == "ec2" ? "2016-11-15" : "2010-05-08")}");
        var request = new AwsRequest("POST", $"{service}.amazonaws.com", "/", "", new Dictionary<string, string>
        {
            ["Authorization"] = $"AWS4-HMAC-SHA256 Credential=testing/20261130/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=0",
            ["Content-Type"] = "application/x-www-form-urlencoded",
        }, body);

        Assert.Equal(changes, InstanceDirectory.MayChange(request));
    }
}
