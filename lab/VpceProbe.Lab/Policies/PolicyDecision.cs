namespace VpceProbe.Lab.Policies;

/// <summary>
/// The outcome of evaluating an endpoint policy. The two denials are kept apart because AWS words
/// them differently in the 403 ("no VPC endpoint policy allows" versus "an explicit deny").
/// </summary>
internal enum PolicyDecision
{
    Allowed,
    ImplicitDeny,
    ExplicitDeny,
}
