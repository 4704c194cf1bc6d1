namespace VpceProbe.Contract;

/// <summary>The one JSON document the agent prints on stdout. Compact: a 30-probe report must stay well under SSM's 24,000-character limit.</summary>
public sealed record AgentReport
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>Raised when fields are added and none changes meaning: 1 added the host's /etc/hosts entries and proxy variables.</summary>
    public const int CurrentMinorVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Absent (0) in reports of agents from before the first minor version.</summary>
    public int MinorVersion { get; init; } = CurrentMinorVersion;

    public required AgentInfo Agent { get; init; }

    public required HostFacts Host { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public long DurationMs { get; init; }

    /// <summary>True when Ctrl-C or the global deadline cut the run short; unfinished probes are <see cref="Outcome.Cancelled"/>.</summary>
    public bool Interrupted { get; init; }

    /// <summary>True when every expectation was met (the agent's exit code 0).</summary>
    public bool Pass { get; init; }

    public List<ProbeResult> Results { get; init; } = [];
}

public sealed record AgentInfo(string Name, string Version);

/// <summary>Facts about where the agent ran, so a report read later says which box it describes.</summary>
public sealed record HostFacts
{
    public string? Hostname { get; init; }

    public string? Os { get; init; }

    public string? Architecture { get; init; }

    /// <summary>Non-loopback IPv4/IPv6 addresses of the host.</summary>
    public List<string>? Addresses { get; init; }

    /// <summary>Resolvers from /etc/resolv.conf.</summary>
    public List<string>? Nameservers { get; init; }

    /// <summary>
    /// The /etc/hosts lines that pin a name to an address other than the host's own or loopback ("52.1.2.3 s3.us-east-1.amazonaws.com"):
    /// such a line decides a name before any resolver is asked. Since minor version 1.
    /// </summary>
    public List<string>? HostsEntries { get; init; }

    /// <summary>The proxy variables of the agent's environment (http_proxy, HTTPS_PROXY…), any user:password removed from their URLs. Since minor version 1.</summary>
    public Dictionary<string, string>? Proxy { get; init; }

    public string? Region { get; init; }
}
