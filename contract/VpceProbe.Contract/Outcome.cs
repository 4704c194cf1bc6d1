using System.Text.Json.Serialization;

namespace VpceProbe.Contract;

/// <summary>What a probe observed, in the vocabulary of expectations. The detail is in <see cref="FailureKind"/>.</summary>
public enum Outcome
{
    /// <summary>dns: every answer inside the VPC CIDRs (or RFC 1918 / RFC 6598).</summary>
    [JsonStringEnumMemberName("private")] Private,

    /// <summary>dns: every answer outside them.</summary>
    [JsonStringEnumMemberName("public")] Public,

    /// <summary>dns: some answers of each.</summary>
    [JsonStringEnumMemberName("mixed")] Mixed,

    [JsonStringEnumMemberName("nxdomain")] Nxdomain,

    /// <summary>dns: no answer at all (timeout, SERVFAIL, empty NOERROR).</summary>
    [JsonStringEnumMemberName("no_answer")] NoAnswer,

    [JsonStringEnumMemberName("reachable")] Reachable,

    /// <summary>Timed out, refused or unroutable: the network said no.</summary>
    [JsonStringEnumMemberName("unreachable")] Unreachable,

    [JsonStringEnumMemberName("allowed")] Allowed,

    [JsonStringEnumMemberName("denied")] Denied,

    /// <summary>Something else went wrong (TLS, credentials, throttling, a crash); never meets an expectation.</summary>
    [JsonStringEnumMemberName("error")] Error,

    /// <summary>The run was interrupted (Ctrl-C or the global deadline) before the probe finished.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}
