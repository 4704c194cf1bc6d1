using System.CommandLine;

namespace VpceProbe.Harness.Cli;

/// <summary>The one list of commands. Each command lives in its own file and is added here, nowhere else.</summary>
internal static class CommandCatalog
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("vpceprobe: prove a VPC's private connectivity from inside its instances, before and after a change.");
        root.Options.Add(HarnessCli.VerboseOption());
        root.Subcommands.Add(VersionCommand.Build());
        root.Subcommands.Add(DiscoverCommand.Build());
        root.Subcommands.Add(AuditCommand.Build());
        root.Subcommands.Add(CostCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(RollbackCommand.Build());
        root.Subcommands.Add(ProbeCommand.Build());
        root.Subcommands.Add(AcceptCommand.Build());
        root.Subcommands.Add(AgentCommand.Build());
        root.Subcommands.Add(LabProgram.Command(LabProgram.Lab, "The VPC lab: an offline twin of a VPC (moto + network namespaces), as root (runs vpceprobe-lab)."));
        root.Subcommands.Add(LabProgram.Command(LabProgram.Demo, "As root: start the VPC lab, run the walkthrough scenario against it through SSM, write the reports, stop the lab (runs vpceprobe-lab demo)."));
        return root;
    }
}
