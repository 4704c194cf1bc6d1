namespace VpceProbe.Harness.Discovery.Derivation;

/// <summary>What the user adds to what the VPC implies.</summary>
/// <param name="EgressHost">A host to fetch over HTTP to check internet egress; null: egress is not checked (no outside host is contacted).</param>
/// <param name="Strict">A gateway endpoint absent from a subnet's route table is a failure there, not a note.</param>
/// <param name="Bucket">A bucket that must be listable from every instance (the data path through the S3 endpoint policy).</param>
/// <param name="SecretId">A secret that must be readable from every instance (the data path through the Secrets Manager endpoint policy).</param>
internal sealed record DerivationOptions(string? EgressHost = null, bool Strict = false, string? Bucket = null, string? SecretId = null);
