namespace VpceProbe.Testing.Backends;

/// <summary>
/// An AWS endpoint the integration tests run against. Every test names its backend in its output, and
/// skips with <see cref="NoPacketsReason"/> what a backend that moves no packets cannot judge.
/// </summary>
public sealed record AwsBackend(string Name, string EndpointUrl, string Region, bool MovesPackets)
{
    public const string Moto = "moto";
    public const string LocalStack = "localstack";
    public const string Lab = "lab";

    /// <summary>The lab with the `two-az` topology seeded (two AZs, a NAT and private table per AZ, an S3 gateway endpoint on one table).</summary>
    public const string LabTwoAz = "lab-two-az";

    /// <summary>The backends every integration test is written for, in the order they are tried.</summary>
    public static IReadOnlyList<string> All { get; } = [Moto, LocalStack, Lab, LabTwoAz];

    public string NoPacketsReason => $"{Name} keeps VPC state but moves no packets: egress and endpoint data paths are judged only on the lab";
}
