using System.CommandLine;
using VpceProbe.Contract;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe agent deploy --instance ID… --staging-bucket B`: installs or updates the agent on instances through
/// SSM, while they can still reach S3. Exit 0 every instance has the agent; 2 usage (no build, no bucket);
/// 3 at least one instance could not get it (each one's reason is printed).
/// </summary>
internal static class AgentCommand
{
    public static Command Build()
    {
        var agent = new Command("agent", "Manage the on-instance agent.");
        agent.Subcommands.Add(Deploy());
        return agent;
    }

    private static Command Deploy()
    {
        var common = new CommonOptions();
        var ssm = new SsmCliOptions();
        var instances = new Option<string[]>("--instance") { Description = "Target instance ids.", Required = true, AllowMultipleArgumentsPerToken = true };
        OptionChecks.InstanceIds(instances);
        var command = new Command("deploy", "Install or update vpceprobe-agent on instances (SSM + an S3 staging bucket; skipped where the same build is installed).");
        command.Options.Add(instances);
        ssm.AddTo(command);
        common.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(parse, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var (_, deployer) = ssm.Build(parse, common.Aws(parse), output.WriteLine);
            var result = await deployer.DeployAsync(parse.GetRequiredValue(instances), cancellationToken).ConfigureAwait(false);
            var failed = result.All.Count(i => !i.Ready);
            await output.WriteLineAsync($"{result.All.Count - failed} of {result.All.Count} instances have the agent").ConfigureAwait(false);
            return failed == 0 ? ExitCodes.Success : ExitCodes.Infrastructure;
        }));
        return command;
    }
}
