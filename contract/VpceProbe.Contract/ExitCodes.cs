namespace VpceProbe.Contract;

/// <summary>Exit codes, the same meaning for the agent and every harness command.</summary>
public static class ExitCodes
{
    /// <summary>Every expectation met (or the command did what it was asked).</summary>
    public const int Success = 0;

    /// <summary>At least one expectation not met (audit: a finding at or above --fail-on).</summary>
    public const int ExpectationFailed = 1;

    /// <summary>Bad plan, scenario or usage; nothing was run or changed. Harness: also a VPC id unknown in the region, an unknown profile, a price file without the region.</summary>
    public const int Usage = 2;

    /// <summary>Internal or infrastructure error: an AWS call failed, the agent produced no report.</summary>
    public const int Infrastructure = 3;

    /// <summary>Harness only: rollback did not complete; what is left was printed.</summary>
    public const int RollbackIncomplete = 4;
}
