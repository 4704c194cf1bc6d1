using System.Text.Json.Serialization;

namespace VpceProbe.Contract;

/// <summary>Why a probe did not get a clean answer. Which one happened is the product: never collapse them.</summary>
public enum FailureKind
{
    [JsonStringEnumMemberName("nxdomain")] Nxdomain,

    /// <summary>The resolver did not answer in time.</summary>
    [JsonStringEnumMemberName("dns_timeout")] DnsTimeout,

    /// <summary>TCP RST: something listens on the path and said no.</summary>
    [JsonStringEnumMemberName("refused")] Refused,

    /// <summary>The probe's own timeout fired (silently dropped traffic looks like this).</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,

    /// <summary>No route, host or network unreachable (ICMP error or local routing).</summary>
    [JsonStringEnumMemberName("unreachable")] Unreachable,

    [JsonStringEnumMemberName("tls_error")] TlsError,

    /// <summary>An HTTP answer whose status is not the expected one.</summary>
    [JsonStringEnumMemberName("http_status")] HttpStatus,

    /// <summary>AWS said AccessDenied; see <see cref="Observation.EndpointPolicy"/>.</summary>
    [JsonStringEnumMemberName("access_denied")] AccessDenied,

    /// <summary>NoSuchBucket, ResourceNotFoundException and the like.</summary>
    [JsonStringEnumMemberName("not_found")] NotFound,

    [JsonStringEnumMemberName("no_credentials")] NoCredentials,

    [JsonStringEnumMemberName("throttled")] Throttled,

    /// <summary>The run was interrupted by the caller, not by the probe's timeout.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,

    [JsonStringEnumMemberName("other")] Other,
}
