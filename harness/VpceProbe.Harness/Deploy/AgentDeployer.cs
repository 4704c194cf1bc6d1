using Amazon.S3;
using VpceProbe.Harness.Ssm;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Deploy;

/// <summary>
/// Puts the agent build matching each instance's architecture at /var/lib/vpceprobe/agent/SHA256/vpceprobe-agent:
/// checks what is there, stages the build in S3, and has the instance fetch it through a presigned URL, check its
/// SHA-256 and install it, one plain SSM command per step. Call it while the instances can still reach S3 (before
/// the NAT route goes); the phase runner calls it before the baseline phase, `vpceprobe agent deploy` on its own.
/// </summary>
internal sealed class AgentDeployer(SsmCommandRunner runner, InstanceArchitectures architectures, AgentStaging staging, DirectoryInfo agentDir)
{
    /// <summary>Progress lines for a person ("i-0abc: installed 3f2a…"); optional.</summary>
    public Action<string>? Progress { get; init; }

    public async Task<AgentInstallations> DeployAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var arch = await architectures.ReadAsync(instanceIds, cancellationToken).ConfigureAwait(false);
        var results = new List<AgentInstallation>();
        var byBinary = new Dictionary<AgentBinary, List<string>>();
        foreach (var id in instanceIds.Distinct(StringComparer.Ordinal))
        {
            var ec2Arch = arch.GetValueOrDefault(id);
            var rid = AgentBinaries.RidFor(ec2Arch);
            var binary = rid is null ? null : AgentBinaries.Load(agentDir, rid);
            if (rid is null || binary is null)
            {
                results.Add(rid is null
                    ? new AgentInstallation(id, null, null, null, false, DeployFailure.UnsupportedArchitecture, $"no agent build for architecture '{ec2Arch ?? "unknown: EC2 does not know this instance"}'")
                    : new AgentInstallation(id, rid, null, null, false, DeployFailure.NoBinary, $"no {rid} build under {agentDir.FullName}: run scripts/publish-agent.sh or pass --agent-dir"));
                continue;
            }

            (byBinary.TryGetValue(binary, out var list) ? list : byBinary[binary] = []).Add(id);
        }

        foreach (var (binary, ids) in byBinary)
        {
            results.AddRange(await DeployBinaryAsync(binary, ids, cancellationToken).ConfigureAwait(false));
        }

        foreach (var r in results)
        {
            Progress?.Invoke(r.Ready ? $"{r.InstanceId}: {(r.AlreadyInstalled ? "already installed" : "installed")} {r.RemotePath}" : $"{r.InstanceId}: {r.Error}");
        }

        return new AgentInstallations(results);
    }

    private async Task<List<AgentInstallation>> DeployBinaryAsync(AgentBinary binary, List<string> ids, CancellationToken cancellationToken)
    {
        var done = new List<AgentInstallation>();
        AgentInstallation Failed(string id, DeployFailure kind, string error) => new(id, binary.Rid, binary.Sha256, binary.RemotePath, false, kind, error);

        var pending = new List<string>();
        foreach (var check in await runner.RunAsync(ids, InstallSteps.Hash(binary.RemotePath), cancellationToken).ConfigureAwait(false))
        {
            if (check.End == InvocationEnd.Success && InstallSteps.HashMatches(check.Stdout, binary.Sha256))
            {
                done.Add(new AgentInstallation(check.InstanceId, binary.Rid, binary.Sha256, binary.RemotePath, AlreadyInstalled: true));
            }
            else if (check.End is InvocationEnd.Success or InvocationEnd.Failed)
            {
                pending.Add(check.InstanceId);
            }
            else
            {
                var (kind, error) = DeployMessages.ForStep(check, "check");
                done.Add(Failed(check.InstanceId, kind, error));
            }
        }

        if (pending.Count == 0)
        {
            return done;
        }

        string url;
        try
        {
            await staging.StageAsync(binary, cancellationToken).ConfigureAwait(false);
            url = await staging.PresignAsync(binary).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e)
        {
            var error = $"could not stage the agent in s3://{staging.Bucket}: {AccessDenial.Describe(e, "s3:PutObject")} (does the bucket exist in this region, and may these credentials write to it?)";
            done.AddRange(pending.Select(id => Failed(id, DeployFailure.StagingFailed, error)));
            return done;
        }

        static bool Succeeded(SsmInvocation i) => i.End == InvocationEnd.Success;
        var steps = new (SsmCommand Command, Func<SsmInvocation, bool> Ok, Func<SsmInvocation, (DeployFailure, string)> Explain)[]
        {
            (InstallSteps.Download(binary, url), Succeeded, DeployMessages.ForDownload),

            // The .part file of a failed check stays out of the way: it never gets the final name, and the next deploy overwrites it.
            (InstallSteps.Hash(binary.RemotePartPath), i => Succeeded(i) && InstallSteps.HashMatches(i.Stdout, binary.Sha256), i => Succeeded(i)
                ? (DeployFailure.ChecksumMismatch, $"the download hashes to '{i.Stdout.Trim().Split(' ')[0]}', not {binary.Sha256}: nothing was installed")
                : DeployMessages.ForStep(i, "checksum")),
            (InstallSteps.Install(binary), Succeeded, i => DeployMessages.ForStep(i, "install")),
        };
        foreach (var (command, ok, explain) in steps)
        {
            pending = await StepAsync(pending, command, ok, explain, r => done.Add(Failed(r.Id, r.Kind, r.Error)), cancellationToken).ConfigureAwait(false);
        }

        done.AddRange(pending.Select(id => new AgentInstallation(id, binary.Rid, binary.Sha256, binary.RemotePath, AlreadyInstalled: false)));
        return done;
    }

    /// <summary>Runs one step; instances where it failed are reported and dropped, the rest go on to the next.</summary>
    private async Task<List<string>> StepAsync(
        List<string> ids, SsmCommand step, Func<SsmInvocation, bool> ok, Func<SsmInvocation, (DeployFailure, string)> explain,
        Action<(string Id, DeployFailure Kind, string Error)> failed, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return ids;
        }

        var next = new List<string>();
        foreach (var r in await runner.RunAsync(ids, step, cancellationToken).ConfigureAwait(false))
        {
            if (ok(r))
            {
                next.Add(r.InstanceId);
                continue;
            }

            var (kind, error) = explain(r);
            failed((r.InstanceId, kind, error));
        }

        return next;
    }
}
