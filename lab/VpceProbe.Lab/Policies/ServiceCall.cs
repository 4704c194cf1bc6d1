namespace VpceProbe.Lab.Policies;

/// <summary>What an endpoint policy is asked about: an IAM action ("s3:GetObject") on a resource ARN (or "*").</summary>
internal sealed record ServiceCall(string Action, string Resource);
