using System.CommandLine;
using System.Reflection;

namespace VpceProbe.Harness.Cli;

/// <summary>`vpceprobe version`: the harness version and the plan/report schema versions it speaks.</summary>
internal static class VersionCommand
{
    public static Command Build()
    {
        var command = new Command("version", "Print the harness version and the contract schema versions.");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parse.InvocationConfiguration.Output.WriteLine(
                $"vpceprobe {version} (plan schema {Contract.ProbePlan.CurrentSchemaVersion}, report schema {Contract.AgentReport.CurrentSchemaVersion})");
            return 0;
        });
        return command;
    }
}
