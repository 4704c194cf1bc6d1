using System.Globalization;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Lifecycle;
using VpceProbe.Testing;

[assembly: AssemblyFixture(typeof(VpceProbe.Lab.Tests.RealLab.SharedLab))]

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// One real lab (namespaces, moto, the daemon started as `vpceprobe-lab serve`, the walkthrough seeded) for
/// every root test of the assembly, started on first use and taken down with `lab down`'s sweeper at the end.
/// It listens on a free loopback port, not 4566, so a developer's own lab is left alone. Tests that change
/// it run in the <see cref="RealLabCollection"/> one at a time and put back what they changed.
/// </summary>
public sealed class SharedLab : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringWriter _log = new();
    private LabRecord? _record;
    private string? _failure;

    internal LabNames Names { get; } = new($"t{(Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture)}");

    public Uri GatewayUrl { get; } = new($"http://127.0.0.1:{FreePort.Next()}");

    public string Region => "us-east-1";

    /// <summary>The lab, started if needed; skips the calling test (with the reason) where a lab cannot run.</summary>
    internal async Task<LabRecord> UpAsync()
    {
        if (LabPreflight.Problems() is { Count: > 0 } problems)
        {
            Assert.Skip($"lab (root) test: {string.Join("; ", problems)}");
        }

        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            Assert.True(_failure is null, $"the shared lab failed to start earlier: {_failure}");
            if (_record is null)
            {
                try
                {
                    _record = await new LabLauncher(Names, LabBinary.Command(), TimeProvider.System, _log)
                        .UpAsync("walkthrough", GatewayUrl, TestContext.Current.CancellationToken);
                }
                catch (LabCommandException e)
                {
                    _failure = $"{e.Message}\n{_log}";
                    throw;
                }
            }

            return _record;
        }
        finally
        {
            _gate.Release();
        }
    }

    public AmazonEC2Client Ec2() => new(Credentials, new AmazonEC2Config { ServiceURL = GatewayUrl.ToString(), AuthenticationRegion = Region });

    public AmazonSimpleSystemsManagementClient Ssm() =>
        new(Credentials, new AmazonSimpleSystemsManagementConfig { ServiceURL = GatewayUrl.ToString(), AuthenticationRegion = Region });

    public string InstanceNamespace(string instanceId) => Names.Instance(instanceId);

    /// <summary>The router's rules, tables and nft table, for the message of a failed packet assertion.</summary>
    public async Task<string> RouterStateAsync() =>
        (await InNamespace.ShAsync(Names.Router, "ip rule; ip route show table all | grep -v '^local\\|^broadcast'; nft list ruleset; ip netns list")).Output;

    private static BasicAWSCredentials Credentials => new(MotoServer.AccessKey, MotoServer.SecretKey);

    public async ValueTask DisposeAsync()
    {
        if (_record is not null || Directory.Exists(Names.StateDirectory))
        {
            await new LabSweeper(Names, _log, TimeProvider.System).SweepAsync(CancellationToken.None);
        }

        _gate.Dispose();
    }
}

/// <summary>Tests that change the shared lab run one at a time.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class RealLabCollection;
