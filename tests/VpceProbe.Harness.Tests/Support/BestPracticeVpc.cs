using Amazon.EC2;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// What to leave out of or change in the best-practice VPC, one knob per audit rule, so a test can seed
/// exactly one problem. The defaults follow every best practice the audit checks.
/// </summary>
public sealed record BestPracticeOptions
{
    public bool SsmEndpoints { get; init; } = true;

    /// <summary>With <see cref="SsmEndpoints"/>: also the ec2messages endpoint (only agents before 3.3.40.0 need it).</summary>
    public bool Ec2MessagesEndpoint { get; init; } = true;

    public bool GatewayEndpoints { get; init; } = true;

    /// <summary>Associate the S3 gateway endpoint with private subnet B's route table too.</summary>
    public bool S3OnEveryTable { get; init; } = true;

    public bool FlowLog { get; init; } = true;

    /// <summary>Give private subnets a NAT route (through a NAT gateway in a public subnet).</summary>
    public bool NatRoute { get; init; }

    /// <summary>The S3 gateway endpoint's policy; null leaves AWS's default.</summary>
    public string? S3Policy { get; init; } = BestPracticeVpc.RestrictedPolicy;

    /// <summary>The Secrets Manager endpoint's policy; null leaves AWS's default.</summary>
    public string? SecretsPolicy { get; init; } = BestPracticeVpc.RestrictedPolicy;

    public bool SecretsPrivateDns { get; init; } = true;

    public bool SecretsInBothAzs { get; init; } = true;

    /// <summary>Sources the Secrets Manager endpoint's own security group accepts TCP 443 from; null means the VPC CIDR.</summary>
    public IReadOnlyList<string>? SecretsIngress { get; init; }
}

/// <summary>
/// A VPC that follows every practice `audit` checks: DNS attributes on; two private subnets in two AZs with
/// no internet route; S3 and DynamoDB gateway endpoints on both private route tables; ssm, ssmmessages,
/// ec2messages and secretsmanager interface endpoints in both AZs with private DNS, a security group allowing
/// 443 from the VPC only and policies scoped by account; the default NACL; flow logs.
/// </summary>
public sealed class BestPracticeVpc
{
    public const string Cidr = "10.0.0.0/16";
    public const string SubnetACidr = "10.0.1.0/24";
    public const string SubnetBCidr = "10.0.2.0/24";

    public const string RestrictedPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}]}""";

    public required VpcSeed Seed { get; init; }

    public required string SubnetA { get; init; }

    public required string SubnetB { get; init; }

    public required string TableA { get; init; }

    public required string TableB { get; init; }

    public required string SecretsEndpoint { get; init; }

    public required string SecretsSecurityGroup { get; init; }

    public string? S3Endpoint { get; init; }

    public static async Task<BestPracticeVpc> CreateAsync(IAmazonEC2 ec2, BestPracticeOptions? options = null)
    {
        options ??= new BestPracticeOptions();
        var seed = await VpcSeed.CreateAsync(ec2, Cidr);
        var subnetA = await seed.SubnetAsync(SubnetACidr, 'a');
        var subnetB = await seed.SubnetAsync(SubnetBCidr, 'b');
        var tableA = await seed.RouteTableAsync(subnetA);
        var tableB = await seed.RouteTableAsync(subnetB);
        if (options.NatRoute)
        {
            var igw = await seed.InternetGatewayAsync();
            var publicSubnet = await seed.SubnetAsync("10.0.0.0/24", 'a');
            await seed.RouteAsync(await seed.RouteTableAsync(publicSubnet), "0.0.0.0/0", gatewayId: igw);
            var nat = await seed.NatGatewayAsync(publicSubnet);
            await seed.RouteAsync(tableA, "0.0.0.0/0", natGatewayId: nat);
            await seed.RouteAsync(tableB, "0.0.0.0/0", natGatewayId: nat);
        }

        string? s3 = null;
        if (options.GatewayEndpoints)
        {
            s3 = await seed.GatewayEndpointAsync("s3", options.S3OnEveryTable ? [tableA, tableB] : [tableA], options.S3Policy);
            await seed.GatewayEndpointAsync("dynamodb", [tableA, tableB], RestrictedPolicy);
        }

        var endpointGroup = await seed.SecurityGroupAsync("endpoints", 443, Cidr);
        if (options.SsmEndpoints)
        {
            foreach (var service in new[] { "ssm", "ssmmessages", "ec2messages" }.Where(s => options.Ec2MessagesEndpoint || s != "ec2messages"))
            {
                await seed.InterfaceEndpointAsync(service, [subnetA, subnetB], [endpointGroup], policy: RestrictedPolicy);
            }
        }

        var secretsGroup = await seed.SecurityGroupAsync("secrets", 443, [.. options.SecretsIngress ?? [Cidr]]);
        var secrets = await seed.InterfaceEndpointAsync(
            "secretsmanager", options.SecretsInBothAzs ? [subnetA, subnetB] : [subnetA], [secretsGroup], options.SecretsPrivateDns, options.SecretsPolicy);
        if (options.FlowLog)
        {
            await seed.FlowLogAsync();
        }

        return new BestPracticeVpc
        {
            Seed = seed, SubnetA = subnetA, SubnetB = subnetB, TableA = tableA, TableB = tableB,
            SecretsEndpoint = secrets, SecretsSecurityGroup = secretsGroup, S3Endpoint = s3,
        };
    }
}
