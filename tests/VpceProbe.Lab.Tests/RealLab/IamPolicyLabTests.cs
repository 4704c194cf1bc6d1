using System.CommandLine;
using VpceProbe.Contract.Aws;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Journal;
using VpceProbe.Lab.Gateway;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>
/// The iam/ policy files against what the code really calls: every command of the integration scenarios runs on
/// the walkthrough lab (discover, audit, cost, accept and a full run through SSM, agent deploy, a run killed after
/// its first change and its rollback, probe with --output-bucket) while the gateway records each AWS action. An S3
/// gateway endpoint on the public route table only is there first, so that the run adopts it and adds the private
/// table (ModifyVpcEndpoint), discovery reads its prefix list and accept derives its s3-gateway probe. Each command's actions must be
/// allowed by its policy files, the instances' by iam/instance.json, and every action a policy names must have
/// been called by some command: a missing action and a stale one both fail. Each command runs with only its policy
/// files in force, placeholders filled in (the lab refuses any other action, and any resource or request tag the files'
/// statements do not allow, as AWS would), so it also proves they are enough.
/// </summary>
[Collection(typeof(RealLabCollection))]
public class IamPolicyLabTests(SharedLab lab)
{
    /// <summary>Actions AWS authorizes without any permission: GetCallerIdentity "requires no permissions".</summary>
    private static readonly string[] NoPermissionNeeded = ["sts:GetCallerIdentity"];

    /// <summary>
    /// Permissions AWS consults on another action's call: S3 answers a HeadObject of a missing key 404 only with
    /// s3:ListBucket, else 403 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html), and the
    /// deployer's "not staged yet" is that 404. Such a permission is in use when the consulting action is called.
    /// </summary>
    private static readonly Dictionary<string, string> ConsultedOn = new() { ["s3:ListBucket"] = "s3:GetObject" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("vpceprobe-iam-lab-").FullName;

    // The placeholders as a user fills them in: the gate then checks the files' resource ARNs and conditions too.
    private IamScope? _scope;

    [Fact]
    public async Task each_commands_aws_actions_are_exactly_those_its_iam_policy_files_allow()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        var vpc = walkthrough.Seeded.Id("vpc", "twtechVPC");
        var staging = $"vpceprobe-iam-{Environment.ProcessId}";
        var output = $"vpceprobe-iam-out-{Environment.ProcessId}";
        await CreateBucketAsync(staging);
        await CreateBucketAsync(output);
        _scope = new IamScope(lab.Region, "123456789012", vpc, staging, output);
        using var ec2 = lab.Ec2();
        var adopted = (await ec2.CreateVpcEndpointAsync(
            new()
            {
                VpcId = vpc, ServiceName = $"com.amazonaws.{lab.Region}.s3", VpcEndpointType = Amazon.EC2.VpcEndpointType.Gateway,
                RouteTableIds = [walkthrough.Seeded.Id("route-table", "twtechPublicRT")],
            }, Ct)).VpcEndpoint.VpcEndpointId;
        await Walkthrough.WaitAvailableAsync(ec2, [adopted]);
        using var control = new LabActions(lab.GatewayUrl);
        var commands = new List<CommandCalls>();
        try
        {
            string[] ssm = ["--transport", "ssm", "--staging-bucket", staging, "--agent-dir", Path.Combine(AgentBinary.RepositoryRoot(), "dist")];
            commands.Add(await InProcessAsync(control, "discover", [IamPolicyFiles.ReadOnly], [0], "discover", "--vpc", vpc));
            commands.Add(await InProcessAsync(control, "audit", [IamPolicyFiles.ReadOnly], [0, 1], "audit", "--vpc", vpc));
            commands.Add(await InProcessAsync(control, "cost", [IamPolicyFiles.ReadOnly], [0], "cost", "--vpc", vpc));
            // The shared lab's instance may hold this agent build from an earlier test: deploy would then find it
            // installed and stage nothing, and the staging permissions would go unproven. Start it without one.
            using (var ssmClient = lab.Ssm())
            {
                await Fakes.LabInstances.RunShellAsync(ssmClient, walkthrough.InstanceId, "rm -rf /var/lib/vpceprobe/agent");
            }

            commands.Add(await InProcessAsync(control, "agent deploy", [IamPolicyFiles.AgentDeploy], [0],
                ["agent", "deploy", "--instance", walkthrough.InstanceId, .. ssm[2..]]));
            commands.Add(await InProcessAsync(control, "accept", [IamPolicyFiles.ReadOnly, IamPolicyFiles.AgentDeploy], [0, 1],
                ["accept", "--vpc", vpc, .. ssm, "--output-dir", Path.Combine(_dir, "accept")]));
            commands.Add(await InProcessAsync(control, "run", [IamPolicyFiles.ReadOnly, IamPolicyFiles.Run, IamPolicyFiles.AgentDeploy], [0],
                ["run", "walkthrough", "--vpc", vpc, "--yes", .. ssm, "--output-dir", Path.Combine(_dir, "run")]));
            commands.Add(await InProcessAsync(control, "probe --output-bucket", [IamPolicyFiles.Run, IamPolicyFiles.AgentDeploy, IamPolicyFiles.OutputBucket], [0],
                ["probe", "--instance", walkthrough.InstanceId, "--plan", await LongReportPlanAsync(), .. ssm, "--output-bucket", output, "--output-dir", Path.Combine(_dir, "probe")]));
            commands.Add(await CrashedRunAsync(control, vpc, ssm));
            var runs = Path.Combine(_dir, "crash", "runs");
            var crashed = Assert.Single(Directory.GetDirectories(runs), d => Path.GetFileName(d) != "dry-run");
            commands.Add(await InProcessAsync(control, "rollback", [IamPolicyFiles.ReadOnly, IamPolicyFiles.Run], [0], "rollback", crashed));
        }
        finally
        {
            await ec2.DeleteVpcEndpointsAsync(new() { VpcEndpointIds = [adopted] }, CancellationToken.None);
            await walkthrough.RestoreNatRouteAsync(ec2);
            Directory.Delete(_dir, recursive: true);
        }

        AssertCovered(commands);
        AssertNoStaleAction(commands);
    }

    [Fact]
    public async Task a_run_whose_credentials_may_not_create_an_endpoint_is_refused_by_dry_run_before_any_change_naming_the_action_and_file()
    {
        var walkthrough = await Walkthrough.UpAsync(lab);
        var vpc = walkthrough.Seeded.Id("vpc", "twtechVPC");
        using var ec2 = lab.Ec2();
        var before = await RoutesAndEndpointsAsync(ec2, vpc);
        using var control = new LabActions(lab.GatewayUrl);
        await control.ClearAsync();
        await control.DenyAsync("ec2:CreateVpcEndpoint");
        int code;
        string text;
        try
        {
            // The local transport: the refusal comes before any agent runs, so where the agent would run does not matter.
            (code, text) = await LabCli.InvokeAsync(lab,
                ["run", "walkthrough", "--vpc", vpc, "--yes", "--transport", "local", "--agent", AgentBinary.Path, "--output-dir", Path.Combine(_dir, "refused")]);
        }
        finally
        {
            await control.ResetPermissionsAsync();
            Directory.Delete(_dir, recursive: true);
        }

        Assert.True(code == 2, text);
        Assert.Contains("the run needs ec2:CreateVpcEndpoint", text, StringComparison.Ordinal);
        Assert.Contains("iam/run.json grants it", text, StringComparison.Ordinal);
        Assert.Contains("aws sts decode-authorization-message --encoded-message", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the run needs ec2:DeleteRoute", text, StringComparison.Ordinal);
        Assert.Equal(before, await RoutesAndEndpointsAsync(ec2, vpc));
        var executed = (await control.ReadAsync()).Select(a => a.Action).ToList();
        Assert.Contains("ec2:CreateVpcEndpoint", executed);
        Assert.DoesNotContain("ec2:DescribeTags", executed);
    }

    // Every route of every table and every endpoint id of the VPC, as one comparable string.
    internal static async Task<string> RoutesAndEndpointsAsync(Amazon.EC2.AmazonEC2Client ec2, string vpc)
    {
        var byVpc = new List<Amazon.EC2.Model.Filter> { new("vpc-id", [vpc]) };
        var tables = (await ec2.DescribeRouteTablesAsync(new() { Filters = byVpc }, Ct)).RouteTables;
        var endpoints = (await ec2.DescribeVpcEndpointsAsync(new() { Filters = byVpc }, Ct)).VpcEndpoints ?? [];
        var routes = tables.SelectMany(t => (t.Routes ?? []).Select(r => $"{t.RouteTableId} {r.DestinationCidrBlock ?? r.DestinationPrefixListId} {r.NatGatewayId ?? r.GatewayId}"));
        return string.Join('\n', routes.Order().Concat(endpoints.Where(e => e.State != Amazon.EC2.State.Deleted).Select(e => e.VpcEndpointId).Order()));
    }

    private static void AssertCovered(IReadOnlyList<CommandCalls> commands)
    {
        var missing = commands
            .SelectMany(c => c.Caller.Where(a => !NoPermissionNeeded.Contains(a) && !IamPolicyFiles.Actions([.. c.Policies]).Allows(a))
                .Select(a => $"{c.Name}: {a} is not in {string.Join(" + ", c.Policies.Select(p => $"iam/{p}.json"))}"))
            .Concat(commands.SelectMany(c => c.Instance).Distinct()
                .Where(a => !NoPermissionNeeded.Contains(a) && !IamPolicyFiles.Actions(IamPolicyFiles.Instance).Allows(a))
                .Select(a => $"instances: {a} is not in iam/instance.json"))
            .ToList();
        Assert.True(missing.Count == 0, $"actions called but not allowed:\n{string.Join('\n', missing)}\n\n{Calls(commands)}");
    }

    private static void AssertNoStaleAction(IReadOnlyList<CommandCalls> commands)
    {
        var stale = new List<string>();
        foreach (var file in IamPolicyFiles.All)
        {
            var called = file == IamPolicyFiles.Instance
                ? commands.SelectMany(c => c.Instance)
                : commands.Where(c => c.Policies.Contains(file)).SelectMany(c => c.Caller);
            var calledList = called.Distinct().ToList();
            stale.AddRange(IamPolicyFiles.Actions(file).Allowed
                .Where(pattern => !calledList.Any(a => Wildcard.IsMatch(pattern, a, ignoreCase: true))
                    && !(file != IamPolicyFiles.Instance && ConsultedOn.TryGetValue(pattern, out var on) && calledList.Contains(on)))
                .Select(pattern => $"iam/{file}.json: {pattern} is called by no command that uses the file"));
        }

        Assert.True(stale.Count == 0, $"stale policy actions:\n{string.Join('\n', stale)}\n\n{Calls(commands)}");
    }

    private static string Calls(IEnumerable<CommandCalls> commands) =>
        string.Join('\n', commands.Select(c => $"{c.Name}: caller [{string.Join(", ", c.Caller)}]; instances [{string.Join(", ", c.Instance)}]"));

    private async Task<CommandCalls> InProcessAsync(LabActions control, string name, string[] policies, int[] exits, params string[] args)
    {
        await control.ClearAsync();
        await control.LoadPoliciesAsync(policies.Select(p => IamPolicyFiles.Scoped(p, _scope!)));
        var output = new StringWriter();
        string[] full = [.. args, "--endpoint-url", lab.GatewayUrl.ToString().TrimEnd('/'), "--region", lab.Region];
        int code;
        try
        {
            code = await HarnessCli.InvokeAsync(full, new InvocationConfiguration { Output = output, Error = output }, Ct);
        }
        finally
        {
            await control.ResetPermissionsAsync();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: exit {code}\n{output}");
        Assert.True(exits.Contains(code), $"{name} exited {code}\n{output}");
        return CommandCalls.From(name, policies, await control.ReadAsync());
    }

    // The crash kills the process (SIGKILL): it runs as a child, with the lab's keys and nothing else of ours.
    private async Task<CommandCalls> CrashedRunAsync(LabActions control, string vpc, string[] ssm)
    {
        await control.ClearAsync();
        string[] policies = [IamPolicyFiles.ReadOnly, IamPolicyFiles.Run, IamPolicyFiles.AgentDeploy];
        await control.LoadPoliciesAsync(policies.Select(p => IamPolicyFiles.Scoped(p, _scope!)));
        var (code, output) = await HarnessProcess.RunAsync(
            new Dictionary<string, string?>
            {
                [CrashHook.Variable] = "1", ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKey, ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretKey,
                ["AWS_PROFILE"] = null, ["AWS_SESSION_TOKEN"] = null,
            },
            ["run", "walkthrough", "--vpc", vpc, "--yes", .. ssm, "--output-dir", Path.Combine(_dir, "crash"),
                "--endpoint-url", lab.GatewayUrl.ToString().TrimEnd('/'), "--region", lab.Region]);
        await control.ResetPermissionsAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"crashed run: exit {code}\n{output}");
        Assert.True(code == 137, $"the run should have been killed after its first change (exit 137), it exited {code}\n{output}");
        return CommandCalls.From("run (killed after its first change)", policies, await control.ReadAsync());
    }

    // A report longer than GetCommandInvocation's 24,000 characters: the harness must read it from the output bucket.
    private async Task<string> LongReportPlanAsync()
    {
        var probes = Enumerable.Range(1, 120).Select(i => $$"""{"id":"dns-{{i}}","kind":"dns","name":"secretsmanager.{{lab.Region}}.amazonaws.com","expect":"resolves"}""");
        var path = Path.Combine(_dir, "long-report.json");
        await File.WriteAllTextAsync(path, $$"""{"schemaVersion":1,"region":"{{lab.Region}}","deadline":"60s","probes":[{{string.Join(',', probes)}}]}""", Ct);
        return path;
    }

    private async Task CreateBucketAsync(string bucket)
    {
        await LabBuckets.CreateAsync(lab, bucket);

        // The in-process commands find the lab's keys through the SDK's default chain, as AcceptHarness sets them.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
    }

    /// <summary>One command's distinct actions: the caller's (the harness's keys) and the instances' (their role).</summary>
    private sealed record CommandCalls(string Name, IReadOnlyList<string> Policies, IReadOnlyList<string> Caller, IReadOnlyList<string> Instance)
    {
        public static CommandCalls From(string name, IReadOnlyList<string> policies, IReadOnlyList<RecordedAction> recorded) => new(
            name, policies,
            [.. recorded.Where(r => r.Principal == ActionLog.Caller).Select(r => r.Action).Distinct().Order()],
            [.. recorded.Where(r => r.Principal != ActionLog.Caller).Select(r => r.Action).Distinct().Order()]);
    }
}
