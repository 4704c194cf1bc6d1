using System.Text.Json;
using System.Xml.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>Creates the instance roles and profiles (IAM through signed query calls), the instances and the VPC endpoints.</summary>
internal sealed class WorkloadSeeder(IAmazonEC2 ec2, SignedAwsCalls calls, List<SeededResource> made)
{
    public async Task SeedAsync(LabTopology topology, CancellationToken ct)
    {
        foreach (var role in topology.Roles)
        {
            var trust = JsonSerializer.Serialize(new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Effect = "Allow", Principal = new { Service = role.TrustedService }, Action = "sts:AssumeRole" } },
            });
            var created = await Iam("CreateRole", new() { ["RoleName"] = role.Name, ["AssumeRolePolicyDocument"] = trust }, ct).ConfigureAwait(false);
            made.Add(new SeededResource("role", role.Name, Arn(created)));
            await Iam("PutRolePolicy", new() { ["RoleName"] = role.Name, ["PolicyName"] = $"{role.Name}-policy", ["PolicyDocument"] = role.Policy.GetRawText() }, ct).ConfigureAwait(false);
            var profile = await Iam("CreateInstanceProfile", new() { ["InstanceProfileName"] = role.InstanceProfile }, ct).ConfigureAwait(false);
            await Iam("AddRoleToInstanceProfile", new() { ["InstanceProfileName"] = role.InstanceProfile, ["RoleName"] = role.Name }, ct).ConfigureAwait(false);
            made.Add(new SeededResource("instance-profile", role.InstanceProfile, Arn(profile)));
        }

        foreach (var instance in topology.Instances)
        {
            var images = await ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = [new Filter("name", [instance.ImageNamePattern])] }, ct).ConfigureAwait(false);
            var image = images.Images.FirstOrDefault() ?? throw new InvalidOperationException($"no image matches {instance.ImageNamePattern}");
            var run = await ec2.RunInstancesAsync(new RunInstancesRequest
            {
                ImageId = image.ImageId,
                InstanceType = instance.InstanceType,
                MinCount = 1,
                MaxCount = 1,
                SubnetId = Id("subnet", instance.Subnet),
                PrivateIpAddress = instance.PrivateIp,
                SecurityGroupIds = [.. instance.SecurityGroups.Select(g => Id("security-group", g))],
                IamInstanceProfile = new IamInstanceProfileSpecification { Name = instance.InstanceProfile },
                TagSpecifications = NetworkSeeder.Tags("instance", instance.Name),
            }, ct).ConfigureAwait(false);
            made.Add(new SeededResource("instance", instance.Name, run.Reservation.Instances[0].InstanceId));
        }

        foreach (var endpoint in topology.Endpoints)
        {
            var created = await ec2.CreateVpcEndpointAsync(new CreateVpcEndpointRequest
            {
                VpcId = Id("vpc", topology.Vpc.Name),
                VpcEndpointType = endpoint.Type,
                ServiceName = $"com.amazonaws.{topology.Region}.{endpoint.Service}",
                SubnetIds = [.. endpoint.Subnets.Select(s => Id("subnet", s))],
                SecurityGroupIds = [.. endpoint.SecurityGroups.Select(g => Id("security-group", g))],
                PrivateDnsEnabled = endpoint.PrivateDns,
            }, ct).ConfigureAwait(false);
            made.Add(new SeededResource("endpoint", endpoint.Service, created.VpcEndpoint.VpcEndpointId));
        }
    }

    private Task<XElement> Iam(string action, Dictionary<string, string> parameters, CancellationToken ct) =>
        calls.QueryAsync("iam", action, "2010-05-08", parameters, ct);

    /// <summary>The first Arn in an IAM answer (the role's or the instance profile's).</summary>
    private static string Arn(XElement answer) => answer.Descendants().First(e => e.Name.LocalName == "Arn").Value;

    private string Id(string kind, string name) => made.First(r => r.Kind == kind && r.Name == name).Id;
}
