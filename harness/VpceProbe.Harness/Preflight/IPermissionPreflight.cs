namespace VpceProbe.Harness.Preflight;

/// <summary>
/// A transport that can prove, before the first change, that the credentials may make the calls it will make
/// (the ssm transport: SendCommand, the invocation reads, the staging and output buckets). The run asks its
/// transport for this after EC2's DryRun preflight; a transport without AWS calls (local) does not implement it.
/// </summary>
internal interface IPermissionPreflight
{
    Task<IReadOnlyList<PreflightFinding>> CheckPermissionsAsync(PreflightInput input, CancellationToken cancellationToken);
}
