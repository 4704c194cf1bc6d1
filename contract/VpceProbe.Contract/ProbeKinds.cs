namespace VpceProbe.Contract;

/// <summary>The catalog of probe kinds and the expectations each accepts. Explicit; nothing is discovered by reflection.</summary>
public static class ProbeKinds
{
    public const string Dns = "dns";
    public const string Tcp = "tcp";
    public const string Http = "http";
    public const string Ping = "ping";
    public const string S3 = "s3";
    public const string Secret = "secret";
    public const string Sts = "sts";

    public static readonly IReadOnlyList<string> All = [Dns, Tcp, Http, Ping, S3, Secret, Sts];

    /// <summary>Named expectations per kind. http also accepts a three-digit status code.</summary>
    public static IReadOnlyList<string> ExpectationsFor(string kind) => kind switch
    {
        Dns => [Expectations.Private, Expectations.Public, Expectations.Resolves, Expectations.Nxdomain],
        Tcp or Ping => [Expectations.Reachable, Expectations.Unreachable],
        Http => [Expectations.Reachable, Expectations.Unreachable],
        S3 or Secret => [Expectations.Allowed, Expectations.Denied, Expectations.Unreachable],
        Sts => [Expectations.Allowed, Expectations.Unreachable],
        _ => [],
    };

    /// <summary>Default per-attempt timeout of each kind.</summary>
    public static TimeSpan DefaultTimeout(string kind) => kind switch
    {
        Dns => TimeSpan.FromSeconds(2),
        Tcp or Ping => TimeSpan.FromSeconds(3),
        _ => TimeSpan.FromSeconds(5),
    };
}
