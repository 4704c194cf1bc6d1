namespace VpceProbe.Contract.Aws;

/// <summary>
/// An AWS service's regional public host name: "ssm" in us-east-1 is ssm.us-east-1.amazonaws.com, the name an
/// interface endpoint's private DNS answers for inside the VPC. One place for the pattern: the harness predicts,
/// derives and plans probes with it, and the lab's emulated SSM agents resolve it.
/// </summary>
public static class ServiceHostName
{
    public static string Of(string service, string region) => service + RegionalSuffix(region);

    /// <summary>What follows the service in its regional name: ".us-east-1.amazonaws.com".</summary>
    public static string RegionalSuffix(string region) => $".{region}.amazonaws.com";
}
