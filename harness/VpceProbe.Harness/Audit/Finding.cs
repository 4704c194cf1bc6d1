namespace VpceProbe.Harness.Audit;

/// <summary>One problem on one AWS resource: what is wrong, why it matters, how to fix it.</summary>
/// <param name="RuleId">The rule that found it (VPCE001...), stable across versions.</param>
/// <param name="Resource">The AWS resource id it is about (vpc-, subnet-, rtb-, vpce-, sg-, acl-).</param>
/// <param name="ResourceType">The AWS resource type, for logical locations (AWS::EC2::VPCEndpoint...).</param>
internal sealed record Finding(string RuleId, Severity Severity, string Resource, string ResourceType, string What, string Why, string Fix);
