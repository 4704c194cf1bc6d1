using Amazon.Runtime;
using VpceProbe.Contract;
using VpceProbe.Harness.Deploy;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Ssm;

namespace VpceProbe.Harness.Transport;

/// <summary>
/// The "ssm" transport as commands use it: deploys the agent to instances that do not have it yet, then runs it
/// with <see cref="SsmTransport"/>. The phase runner's first run (the baseline, while the NAT route is still there)
/// is when the download happens; later phases find the agent in its per-hash path. An instance whose deployment
/// failed is tried again at its next run (an S3 gateway endpoint may have appeared since) and, if it fails again,
/// gets a Failed run that says why.
/// </summary>
internal sealed class SsmAgentTransport(SsmCommandRunner runner, AgentDeployer deployer, TimeProvider? time = null) : IAgentTransport, Timing.ITransportTiming, Preflight.IPermissionPreflight
{
    private readonly Dictionary<string, AgentInstallation> _installed = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TransportKind Kind => TransportKind.Ssm;

    public TimeSpan Deploying { get; private set; }

    public SsmCallCounter Calls => runner.Options.Calls;

    /// <summary>The harmless calls that prove this transport's SSM and S3 permissions before a run's first change.</summary>
    public Preflight.SsmPermissionProbes? Permissions { get; init; }

    public async Task<IReadOnlyList<Preflight.PreflightFinding>> CheckPermissionsAsync(Preflight.PreflightInput input, CancellationToken cancellationToken) =>
        Permissions is null ? [] : await Preflight.ServicePermissionsCheck.RunAsync(Permissions.For(input), cancellationToken).ConfigureAwait(false);

    /// <summary>Deploys where needed and returns what every given instance has now; safe to call before the first phase.</summary>
    public async Task<AgentInstallations> DeployAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var missing = instanceIds.Where(id => _installed.GetValueOrDefault(id) is not { Ready: true }).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var started = _time.GetTimestamp();
            try
            {
                foreach (var installation in (await deployer.DeployAsync(missing, cancellationToken).ConfigureAwait(false)).All)
                {
                    _installed[installation.InstanceId] = installation;
                }
            }
            finally
            {
                Deploying += _time.GetElapsedTime(started);
            }
        }

        return new AgentInstallations(instanceIds.Distinct(StringComparer.Ordinal).Select(id => _installed[id]));
    }

    public async Task<IReadOnlyList<AgentRun>> RunAsync(IReadOnlyList<string> instanceIds, ProbePlan plan, CancellationToken cancellationToken)
    {
        AgentInstallations installations;
        try
        {
            installations = await DeployAsync(instanceIds, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            // EC2 refused to describe the instances (permissions, throttling past retries): a run result, not a crash.
            return [.. instanceIds.Select(id => new AgentRun(id, AgentRunStatus.Failed, null, null, $"could not deploy the agent: {AccessDenial.Describe(e)}"))];
        }

        return await new SsmTransport(runner, installations).RunAsync(instanceIds, plan, cancellationToken).ConfigureAwait(false);
    }
}
