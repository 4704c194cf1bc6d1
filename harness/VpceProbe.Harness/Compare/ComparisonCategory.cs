namespace VpceProbe.Harness.Compare;

/// <summary>What became of one cell between a saved matrix and this one. Declared in report order: regressions first.</summary>
internal enum ComparisonCategory
{
    /// <summary>Met its expectation before, not now. Any regression makes the command exit 1.</summary>
    Regression,

    /// <summary>Did not meet its expectation before, does now.</summary>
    Fixed,

    /// <summary>Met (or missed) its expectation both times, with a different observation or expectation: egress reachable → unreachable after a deliberate NAT removal.</summary>
    Changed,

    /// <summary>Only in this matrix (a probe derived from a new endpoint, a new instance).</summary>
    New,

    /// <summary>Only in the saved matrix (an endpoint deleted, an instance gone).</summary>
    Gone,

    Unchanged,
}
