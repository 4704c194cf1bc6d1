using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Audit;

/// <summary>
/// One best-practice check over a discovered VPC. Rules only read the snapshot: the audit changes nothing.
/// Each rule keeps its user-facing texts as constants at the top of its file.
/// </summary>
internal interface IAuditRule
{
    /// <summary>Stable id (VPCE001...), used in SARIF's ruleId and in JSON.</summary>
    string Id { get; }

    /// <summary>kebab-case name ("dns-attributes-off").</summary>
    string Name { get; }

    /// <summary>One line: what the rule checks.</summary>
    string Summary { get; }

    /// <summary>The severity of its findings when nothing makes them worse or milder.</summary>
    Severity DefaultSeverity { get; }

    IEnumerable<Finding> Evaluate(VpcSnapshot vpc);
}
