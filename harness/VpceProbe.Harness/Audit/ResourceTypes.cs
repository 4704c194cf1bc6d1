namespace VpceProbe.Harness.Audit;

/// <summary>CloudFormation resource type names: what SARIF logical locations and JSON call each resource.</summary>
internal static class ResourceTypes
{
    public const string Vpc = "AWS::EC2::VPC";
    public const string Subnet = "AWS::EC2::Subnet";
    public const string RouteTable = "AWS::EC2::RouteTable";
    public const string Endpoint = "AWS::EC2::VPCEndpoint";
    public const string SecurityGroup = "AWS::EC2::SecurityGroup";
    public const string NetworkAcl = "AWS::EC2::NetworkAcl";
}
