namespace VpceProbe.Lab.Twin;

/// <param name="Name">The topology's name; null: from the VPC's Name tag, else its id.</param>
/// <param name="MaxInstances">At most this many instances (NAT instances included), 1 to the lab's 200.</param>
/// <param name="Buckets">Empty buckets to add (a snapshot holds no S3 data).</param>
/// <param name="SecretIds">Secrets to add, with a placeholder value (a snapshot holds no secrets).</param>
internal sealed record TwinOptions(string? Name = null, int MaxInstances = TwinOptions.DefaultMaxInstances, IReadOnlyList<string>? Buckets = null, IReadOnlyList<string>? SecretIds = null)
{
    public const int DefaultMaxInstances = 50;

    /// <summary>The lab's bound on instances (the topology validator's).</summary>
    public const int LabMaxInstances = Topology.Validation.InstanceCheck.MaxInstances;
}

/// <summary>The snapshot cannot be made into a twin (not a discover snapshot, an unknown version, too few instances allowed).</summary>
internal sealed class TwinException(string message) : Exception(message);
