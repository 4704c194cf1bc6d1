using System.Net;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// Plan-level settings every probe factory in <see cref="ProbeCatalog"/> may use. The AWS probes read
/// the region and the endpoint overrides here; add fields here (not globals) when a probe needs more.
/// </summary>
internal sealed record PlanSettings
{
    /// <summary>The plan's region, else AWS_REGION, else AWS_DEFAULT_REGION (the SDK's order); null when none is set.</summary>
    public string? Region { get; init; }

    /// <summary>The plan's per-service endpoint overrides, keyed by SDK service id in lower case ("s3", "secretsmanager", "sts").</summary>
    public IReadOnlyDictionary<string, string> Endpoints { get; init; } = new Dictionary<string, string>();

    /// <summary>What dns probes call private (see <see cref="Probes.PrivateRanges"/>).</summary>
    public IReadOnlyList<IPNetwork> PrivateRanges { get; init; } = Probes.PrivateRanges.Default;

    /// <summary>Reads the environment through <paramref name="environment"/> so tests can pass their own.</summary>
    public static PlanSettings From(ProbePlan plan, Func<string, string?> environment) => new()
    {
        Region = NonEmpty(plan.Region) ?? NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION")),
        Endpoints = plan.Endpoints is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string>(plan.Endpoints, StringComparer.OrdinalIgnoreCase),
        PrivateRanges = Probes.PrivateRanges.For(plan.VpcCidrs),
    };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
