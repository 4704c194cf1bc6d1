namespace VpceProbe.Contract;

/// <summary>
/// Which of <see cref="ProbeSpec"/>'s kind-specific fields each kind reads. A field a kind does not read is
/// an error rather than ignored: "port" on a dns probe means its author expected something that will not happen.
/// </summary>
internal static class ProbeFieldsByKind
{
    public static IReadOnlyList<string> For(string kind) => kind switch
    {
        ProbeKinds.Dns => ["name", "nameserver"],
        ProbeKinds.Tcp => ["host", "port"],
        ProbeKinds.Ping => ["host"],
        ProbeKinds.Http => ["url"],
        ProbeKinds.S3 => ["bucket"],
        ProbeKinds.Secret => ["secretId"],
        _ => [],
    };

    /// <summary>The kind-specific fields the probe sets, by their plan name.</summary>
    public static IEnumerable<string> SetIn(ProbeSpec p)
    {
        (string Name, bool Set)[] fields =
        [
            ("name", p.Name is not null), ("nameserver", p.Nameserver is not null), ("host", p.Host is not null),
            ("port", p.Port is not null), ("url", p.Url is not null), ("bucket", p.Bucket is not null), ("secretId", p.SecretId is not null),
        ];
        return fields.Where(f => f.Set).Select(f => f.Name);
    }
}
