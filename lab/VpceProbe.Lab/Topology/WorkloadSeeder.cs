using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>Creates the instance roles and profiles (IAM through the AWS CLI), the instances and the VPC endpoints.</summary>
internal sealed class WorkloadSeeder(IAmazonEC2 ec2, AwsCli cli, List<SeededResource> made)
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
            var created = await cli.CallAsync(["iam", "create-role", "--role-name", role.Name, "--assume-role-policy-document", trust], ct).ConfigureAwait(false);
            made.Add(new SeededResource("role", role.Name, created.GetProperty("Role").GetProperty("Arn").GetString()!));
            await cli.CallAsync(["iam", "put-role-policy", "--role-name", role.Name, "--policy-name", $"{role.Name}-policy", "--policy-document", role.Policy.GetRawText()], ct).ConfigureAwait(false);
            var profile = await cli.CallAsync(["iam", "create-instance-profile", "--instance-profile-name", role.InstanceProfile], ct).ConfigureAwait(false);
            await cli.CallAsync(["iam", "add-role-to-instance-profile", "--instance-profile-name", role.InstanceProfile, "--role-name", role.Name], ct).ConfigureAwait(false);
            made.Add(new SeededResource("instance-profile", role.InstanceProfile, profile.GetProperty("InstanceProfile").GetProperty("Arn").GetString()!));
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

    private string Id(string kind, string name) => made.First(r => r.Kind == kind && r.Name == name).Id;
}
