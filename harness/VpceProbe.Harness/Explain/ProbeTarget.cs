using System.Net;
using VpceProbe.Contract;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Harness.Explain;

/// <summary>
/// What a probe's traffic aims at, as the prediction needs it: the name (or address), the AWS service behind
/// the name if any, the protocol and port, and for AWS calls the IAM action and resource an endpoint policy
/// is asked about (the same mapping as the agent's calls: ListObjectsV2 is s3:ListBucket on the bucket).
/// </summary>
internal sealed record ProbeTarget(string Host, string? Service, string Protocol, int Port, string? Action = null, string? Resource = null)
{
    public const string Tcp = "tcp";
    public const string Icmp = "icmp";
    private const int Https = 443;

    /// <summary>True when <see cref="Host"/> is an address, which needs no DNS.</summary>
    public bool IsAddress => IPAddress.TryParse(Host, out _);

    /// <returns>Null for a probe whose target cannot be told (a malformed URL): the prediction then says so.</returns>
    public static ProbeTarget? Of(ProbeSpec probe, string region, string? account)
    {
        string ServiceHost(string service) => ServiceHostName.Of(service, region);
        return probe.Kind switch
        {
            ProbeKinds.Dns when probe.Name is { } name => new(name, ServiceOf(name, region), "udp", 53),
            ProbeKinds.Tcp when probe.Host is { } host => new(host, ServiceOf(host, region), Tcp, probe.Port ?? Https),
            ProbeKinds.Ping when probe.Host is { } host => new(host, ServiceOf(host, region), Icmp, 0),
            ProbeKinds.Http when Uri.TryCreate(probe.Url, UriKind.Absolute, out var url) => new(url.Host, ServiceOf(url.Host, region), Tcp, url.Port),
            ProbeKinds.S3 => new(ServiceHost("s3"), "s3", Tcp, Https,
                probe.Bucket is null ? "s3:ListAllMyBuckets" : "s3:ListBucket", probe.Bucket is null ? "*" : $"arn:aws:s3:::{probe.Bucket}"),
            ProbeKinds.Secret when probe.SecretId is { } id => new(ServiceHost("secretsmanager"), "secretsmanager", Tcp, Https,
                "secretsmanager:GetSecretValue", SecretArn(id, region, account)),
            ProbeKinds.Sts => new(ServiceHost("sts"), "sts", Tcp, Https, "sts:GetCallerIdentity", "*"),
            _ => null,
        };
    }

    /// <summary>"secretsmanager" for secretsmanager.us-east-1.amazonaws.com; null for a name that is no regional AWS service name.</summary>
    public static string? ServiceOf(string host, string region)
    {
        var suffix = ServiceHostName.RegionalSuffix(region);
        if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var service = host[..^suffix.Length];
        return service.Length > 0 && !service.Contains('.', StringComparison.Ordinal) ? service.ToLowerInvariant() : null;
    }

    // A secret named by name: its ARN ends in "-" and six random characters AWS chose, unknown here. "XXXXXX" stands
    // for them, so policies naming "NAME-*" or "NAME-??????" match as they do in AWS; one naming the full ARN does not.
    private static string SecretArn(string id, string region, string? account) =>
        id.StartsWith("arn:", StringComparison.Ordinal) ? id : $"arn:aws:secretsmanager:{region}:{account ?? "*"}:secret:{id}-XXXXXX";
}
