using System.CommandLine;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Transport;

namespace VpceProbe.Harness.Cli;

/// <summary>--transport and --agent, shared by `run` and `probe`.</summary>
internal sealed class TransportOptions
{
    /// <summary>Where scripts/publish-agent.sh puts the x64 agent, relative to the repository root.</summary>
    public const string DefaultAgentPath = "dist/linux-x64/vpceprobe-agent";

    /// <summary>How long one agent run may take on this machine (its own deadline is 60s by default).</summary>
    private static readonly TimeSpan LocalAgentTimeout = TimeSpan.FromMinutes(5);

    public Option<string> Transport { get; } = new("--transport")
    {
        Description = "How the agent reaches the targets: ssm (AWS-RunShellScript) or local (a child process on this machine, for emulators and tests).",
        DefaultValueFactory = _ => TransportKind.Ssm.Name(),
    };

    public Option<string?> Agent { get; } = new("--agent")
    {
        Description = $"The agent binary (or its .dll) for the local transport (default: {DefaultAgentPath}).",
    };

    /// <summary>--staging-bucket, --agent-dir, --instance-s3-endpoint, --output-bucket for the ssm transport.</summary>
    public SsmCliOptions Ssm { get; } = new();

    public TransportOptions() => Transport.AcceptOnlyFromAmong([.. TransportKinds.Names]);

    public void AddTo(Command command)
    {
        command.Options.Add(Transport);
        command.Options.Add(Agent);
        Ssm.AddTo(command);
    }

    /// <exception cref="UsageException">The local agent binary is missing, or the ssm transport lacks --staging-bucket or an agent build.</exception>
    public IAgentTransport Create(ParseResult parse, AwsSettings aws)
    {
        if (TransportKinds.Parse(parse.GetValue(Transport)) == TransportKind.Local)
        {
            var agent = parse.GetValue(Agent) ?? DefaultAgentPath;
            return File.Exists(agent)
                ? new LocalTransport(agent, aws.EndpointFor("S3"), LocalAgentTimeout)
                : throw new UsageException($"agent binary '{agent}' not found: build it with scripts/publish-agent.sh or pass --agent PATH");
        }

        return Ssm.CreateTransport(parse, aws);
    }
}

/// <summary>A command line the harness cannot act on (exit code 2), found before anything changed.</summary>
internal sealed class UsageException(string message) : Exception(message);
