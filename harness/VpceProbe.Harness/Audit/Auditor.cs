using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit;

/// <summary>What an audit found, and what it checked (writers list every rule, not only those that fired).</summary>
internal sealed record AuditReport(string VpcId, string Region, IReadOnlyList<IAuditRule> Rules, IReadOnlyList<Finding> Findings)
{
    /// <summary>True when some finding is at or above <paramref name="threshold"/> (audit exits 1 then).</summary>
    public bool HasFindingAtOrAbove(Severity threshold) => Findings.Any(f => f.Severity >= threshold);

    /// <summary>The VPC the rules ran over: the HTML writer draws it with the findings pinned.</summary>
    public VpcSnapshot? Snapshot { get; init; }
}

/// <summary>Runs every rule of <see cref="AuditRules.All"/> over a snapshot. Most severe findings first, then by rule and resource.</summary>
internal static class Auditor
{
    public static AuditReport Run(VpcSnapshot vpc, IReadOnlyList<IAuditRule>? rules = null)
    {
        rules ??= AuditRules.All;
        var findings = rules.SelectMany(r => r.Evaluate(vpc))
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Resource, StringComparer.Ordinal)
            .ToList();
        return new AuditReport(vpc.VpcId, vpc.Region, rules, findings) { Snapshot = vpc };
    }
}
