using System.CommandLine;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Deploy;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// The options of the SSM transport and of agent deployment, shared by `agent deploy`, `probe` and `run`:
/// --staging-bucket, --agent-dir, --instance-s3-endpoint, --output-bucket.
/// </summary>
public sealed class SsmCliOptions
{
    public Option<string?> StagingBucket { get; } = new("--staging-bucket")
    {
        Description = "S3 bucket the agent binary is staged in (keyed by its SHA-256) for instances to download through a presigned URL.",
    };

    public Option<DirectoryInfo?> AgentDir { get; } = new("--agent-dir")
    {
        Description = "Directory holding linux-x64/ and linux-arm64/vpceprobe-agent (default: the repository's dist/, or dist/ next to vpceprobe).",
    };

    public Option<string?> InstanceS3Endpoint { get; } = new("--instance-s3-endpoint")
    {
        Description = "S3 endpoint as the instances reach it, for the presigned URL (default: the SDK's regional endpoint, whatever --endpoint-url says).",
    };

    public Option<string?> OutputBucket { get; } = new("--output-bucket")
    {
        Description = "S3 bucket SSM writes command output to when a report could exceed GetCommandInvocation's 24,000 characters.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(StagingBucket);
        command.Options.Add(AgentDir);
        command.Options.Add(InstanceS3Endpoint);
        command.Options.Add(OutputBucket);
    }

    /// <exception cref="UsageException">--staging-bucket is missing, or no agent build directory was found.</exception>
    public (SsmCommandRunner Runner, AgentDeployer Deployer) Build(ParseResult parse, AwsSettings aws, Action<string>? progress = null)
    {
        var bucket = parse.GetValue(StagingBucket)
            ?? throw new UsageException("--staging-bucket is required with the ssm transport: the agent is staged there for the instances to download");
        var agentDir = parse.GetValue(AgentDir) ?? AgentBinaries.DefaultDirectory()
            ?? throw new UsageException("no agent build found: run scripts/publish-agent.sh or pass --agent-dir");
        if (!agentDir.Exists)
        {
            throw new UsageException($"agent directory {agentDir.FullName} does not exist: run scripts/publish-agent.sh or pass --agent-dir");
        }

        var clients = new AwsClientFactory(aws);
        var s3 = clients.S3();
        var time = TimeProvider.System;
        var runner = new SsmCommandRunner(clients.Ssm(), s3, new SsmOptions { OutputBucket = parse.GetValue(OutputBucket), Progress = WaitProgress.For(parse.InvocationConfiguration.Error, !Console.IsErrorRedirected) }, time);
        var staging = new AgentStaging(s3, clients.S3ForInstances(parse.GetValue(InstanceS3Endpoint)), bucket, time);
        var deployer = new AgentDeployer(runner, new InstanceArchitectures(clients.Ec2()), staging, agentDir) { Progress = progress };
        return (runner, deployer);
    }

    /// <summary>The transport `probe` and `run` use with --transport ssm.</summary>
    public IAgentTransport CreateTransport(ParseResult parse, AwsSettings aws)
    {
        var (runner, deployer) = Build(parse, aws, parse.InvocationConfiguration.Error.WriteLine);
        return new SsmAgentTransport(runner, deployer);
    }
}
