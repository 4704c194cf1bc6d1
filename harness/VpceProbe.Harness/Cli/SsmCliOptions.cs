using System.CommandLine;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Reports.Terminal;
using VpceProbe.Harness.Deploy;
using VpceProbe.Harness.Ssm;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// The options of the SSM transport and of agent deployment, shared by `agent deploy`, `probe` and `run`:
/// --staging-bucket, --agent-dir, --instance-s3-endpoint, --output-bucket, --ssm-tag-target with its rate controls.
/// </summary>
internal sealed class SsmCliOptions
{
    /// <summary>The SSM calls of this command line's runner, for the run's timing section.</summary>
    public SsmCallCounter Calls { get; } = new();

    public Option<string?> StagingBucket { get; } = new("--staging-bucket")
    {
        Description = "S3 bucket the agent binary is staged in (keyed by its SHA-256) for instances to download through a presigned URL.",
    };

    public Option<DirectoryInfo?> AgentDir { get; } = new("--agent-dir")
    {
        Description = "Directory holding linux-x64/ and linux-arm64/vpceprobe-agent (default: dist/ next to vpceprobe, as the tool package installs it, else the repository's dist/).",
    };

    public Option<string?> InstanceS3Endpoint { get; } = new("--instance-s3-endpoint")
    {
        Description = "S3 endpoint as the instances reach it, for the presigned URL (default: the SDK's regional endpoint, whatever --endpoint-url says).",
    };

    public Option<string?> OutputBucket { get; } = new("--output-bucket")
    {
        Description = "S3 bucket SSM writes command output to when a report could exceed GetCommandInvocation's 24,000 characters.",
    };

    public Option<string?> TagTarget { get; } = new("--ssm-tag-target")
    {
        Description = "KEY=VALUE: send each command to the instances with this tag (SendCommand Targets) and let SSM fan out, for fleets past a few hundred instances; the instances are still chosen by the scenario, and must carry the tag.",
    };

    public Option<string> MaxConcurrency { get; } = new("--ssm-max-concurrency")
    {
        Description = "With --ssm-tag-target: SSM's MaxConcurrency, a number or a percentage.",
        DefaultValueFactory = _ => "50",
    };

    public Option<string> MaxErrors { get; } = new("--ssm-max-errors")
    {
        Description = "With --ssm-tag-target: SSM's MaxErrors, a number or a percentage (the agent exits 1 when an expectation fails, which SSM counts as an error).",
        DefaultValueFactory = _ => "100%",
    };

    public SsmCliOptions()
    {
        OptionChecks.BucketName(StagingBucket);
        OptionChecks.BucketName(OutputBucket);
        OptionChecks.HttpUrl(InstanceS3Endpoint);
        OptionChecks.TagPair(TagTarget);
        OptionChecks.SsmRate(MaxConcurrency);
        OptionChecks.SsmRate(MaxErrors);
    }

    public void AddTo(Command command)
    {
        command.Options.Add(TagTarget);
        command.Options.Add(MaxConcurrency);
        command.Options.Add(MaxErrors);
        command.Options.Add(StagingBucket);
        command.Options.Add(AgentDir);
        command.Options.Add(InstanceS3Endpoint);
        command.Options.Add(OutputBucket);
    }

    /// <exception cref="UsageException">--staging-bucket is missing, or no agent build directory was found.</exception>
    public (SsmCommandRunner Runner, AgentDeployer Deployer) Build(ParseResult parse, AwsSettings aws, Action<string>? progress = null) =>
        Build(parse, aws, progress, out _);

    private (SsmCommandRunner Runner, AgentDeployer Deployer) Build(ParseResult parse, AwsSettings aws, Action<string>? progress, out Preflight.SsmPermissionProbes permissions)
    {
        var bucket = parse.GetValue(StagingBucket)
            ?? throw new UsageException("--staging-bucket is required with the ssm transport: the agent is staged there for the instances to download");
        var agentDir = parse.GetValue(AgentDir) ?? AgentBinaries.DefaultDirectory()
            ?? throw new UsageException("no agent build found: install the tool package (scripts/pack.sh), run scripts/publish-agent.sh in a checkout, or pass --agent-dir");
        if (!agentDir.Exists)
        {
            throw new UsageException($"agent directory {agentDir.FullName} does not exist: run scripts/publish-agent.sh or pass --agent-dir");
        }

        var tag = parse.GetValue(TagTarget) is { } text
            ? Ssm.TagTarget.Parse(text, parse.GetValue(MaxConcurrency)!, parse.GetValue(MaxErrors)!)
                ?? throw new UsageException($"--ssm-tag-target '{text}' with --ssm-max-concurrency and --ssm-max-errors: expected KEY=VALUE and each rate a number or a percentage up to 100%")
            : null;
        var clients = new AwsClientFactory(aws);
        var s3 = clients.S3();
        var time = TimeProvider.System;
        var ssm = clients.Ssm();
        var runner = new SsmCommandRunner(ssm, s3, new SsmOptions { OutputBucket = parse.GetValue(OutputBucket), TagTarget = tag, Calls = Calls, Progress = WaitProgress.For(parse.InvocationConfiguration.Error, !Console.IsErrorRedirected) }, time);
        var staging = new AgentStaging(s3, clients.S3ForInstances(parse.GetValue(InstanceS3Endpoint)), bucket, time);
        var deployer = new AgentDeployer(runner, new InstanceArchitectures(clients.Ec2()), staging, agentDir) { Progress = progress };
        permissions = new Preflight.SsmPermissionProbes(ssm, s3, bucket, runner.Options.OutputBucket, runner.Options.OutputKeyPrefix);
        return (runner, deployer);
    }

    /// <summary>The transport `probe` and `run` use with --transport ssm.</summary>
    public IAgentTransport CreateTransport(ParseResult parse, AwsSettings aws)
    {
        var (runner, deployer) = Build(parse, aws, parse.InvocationConfiguration.Error.WriteLine, out var permissions);
        return new SsmAgentTransport(runner, deployer) { Permissions = permissions };
    }
}
