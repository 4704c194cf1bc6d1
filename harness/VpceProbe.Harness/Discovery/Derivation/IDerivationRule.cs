namespace VpceProbe.Harness.Discovery.Derivation;

/// <summary>One reason to check something: reads the VPC and the target, says which probes follow and why. Never calls AWS.</summary>
internal interface IDerivationRule
{
    /// <summary>Stable id, in every reason the rule gives ("gateway-endpoint").</summary>
    string Id { get; }

    IEnumerable<DerivedProbe> Derive(DerivationContext context);
}
