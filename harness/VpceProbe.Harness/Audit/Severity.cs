namespace VpceProbe.Harness.Audit;

/// <summary>How much a finding matters, in increasing order (compared for --fail-on).</summary>
internal enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
