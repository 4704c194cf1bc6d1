using VpceProbe.Harness.Scenario;

namespace VpceProbe.Harness.Preflight;

/// <summary>
/// Private DNS on an interface endpoint needs enableDnsSupport and enableDnsHostnames on the VPC; AWS
/// refuses the endpoint otherwise (https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html).
/// </summary>
internal sealed class DnsAttributesCheck : IPreflightCheck
{
    private const string Fix = "fix: aws ec2 modify-vpc-attribute --vpc-id {0} --enable-dns-support '{{\"Value\":true}}' and then --enable-dns-hostnames '{{\"Value\":true}}'";

    public IEnumerable<PreflightFinding> Check(PreflightInput input)
    {
        var wantsPrivateDns = input.Actions.Any(a => a.Type == ActionTypes.CreateInterfaceEndpoint && a.PrivateDns);
        if (wantsPrivateDns && !(input.Vpc.EnableDnsSupport && input.Vpc.EnableDnsHostnames))
        {
            yield return new(true,
                $"private DNS is requested but {input.Vpc.VpcId} has enableDnsSupport={input.Vpc.EnableDnsSupport}, enableDnsHostnames={input.Vpc.EnableDnsHostnames}; "
                + string.Format(System.Globalization.CultureInfo.InvariantCulture, Fix, input.Vpc.VpcId));
        }
    }
}
