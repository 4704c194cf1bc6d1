using System.CommandLine;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Reports;
using VpceProbe.Harness.Reports.Terminal;
using VpceProbe.Harness.Run;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe run SCENARIO.yaml|walkthrough [--vpc ID] [--dry-run] [--yes] [--transport ssm|local] [--agent PATH]`:
/// the before/after run. Exit codes: 0 all met, 1 an expectation failed, 2 scenario/usage/preflight refusal
/// (nothing changed), 3 infrastructure error (rolled back), 4 rollback incomplete (what is left is printed).
/// </summary>
internal static class RunCommand
{
    /// <param name="credentials">Credentials pinned by the program (`demo`); null: --profile or the SDK's default chain.</param>
    public static Command Build(Amazon.Runtime.AWSCredentials? credentials = null)
    {
        var common = new CommonOptions(credentials);
        var transport = new TransportOptions();
        var formats = RunFormats();
        var walkthrough = new WalkthroughOptions();
        var scenario = new Argument<string>("scenario") { Description = "A scenario file (YAML), or 'walkthrough' for the built-in scenario." };
        var vpc = new Option<string?>("--vpc") { Description = "The VPC id; overrides the scenario's (the walkthrough finds the VPC named twtechVPC without it)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print every change the run would make, and change nothing." };
        var yes = new Option<bool>("--yes") { Description = "Apply the changes without asking (required when there is no terminal)." };
        var proceed = new Option<bool>("--proceed-on-failed-baseline")
        {
            Description = "Change the VPC even when a phase before the first change fails or brings back no report (by default the run stops there, nothing changed).",
        };
        var undo = new UndoOptions();
        var files = new MatrixFileOptions();
        var command = new Command("run", "Run a scenario: probe, change the VPC phase by phase, probe again, then restore it.");
        command.Arguments.Add(scenario);
        command.Options.Add(vpc);
        command.Options.Add(dryRun);
        command.Options.Add(yes);
        command.Options.Add(proceed);
        undo.AddTo(command);
        files.AddTo(command);
        transport.AddTo(command);
        walkthrough.AddTo(command);
        formats.AddTo(command);
        common.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(parse, async () =>
        {
            var aws = common.Aws(parse);
            var destinations = formats.Resolve(parse);
            var output = parse.InvocationConfiguration.Output;
            var definition = Load(parse.GetRequiredValue(scenario), walkthrough.Parameters(parse, aws, parse.GetValue(vpc)));

            // The scenario's region is the run's when --region is not given (the README's promise): without
            // this, a scenario for eu-west-3 would look for its VPC in the runner's AWS_REGION or us-east-1.
            aws = aws.Region is null && definition.Region is not null ? aws with { Region = definition.Region } : aws;
            var saved = await files.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
            var agents = transport.Create(parse, aws);
            var clients = new AwsClientFactory(aws);
            using var ec2 = clients.Ec2();
            using var ssm = clients.Ssm();
            var vpcId = await VpcLocator.ResolveAsync(ec2, definition, parse.GetValue(vpc), cancellationToken).ConfigureAwait(false);
            var settings = new RunSettings(
                destinations.Directory!, aws.EffectiveRegion, aws.EndpointUrl, aws.Profile, parse.GetValue(dryRun), undo.Bound(parse), parse.GetValue(proceed));
            var services = new RunServices(
                ec2, new VpcDiscoverer(ec2, ssm, aws.EffectiveRegion), agents, TimeProvider.System,
                new ResourceWaits(TimeProvider.System, ResourceWaits.DefaultBound, WaitProgress.For(parse.InvocationConfiguration.Error, !Console.IsErrorRedirected)), CrashHook.FromEnvironment(), output,
                planned => Confirm(planned, parse.GetValue(yes), vpcId, output, Console.IsInputRedirected ? null : Console.In));
            var result = await new ScenarioRun(services, settings).RunAsync(definition, vpcId, cancellationToken).ConfigureAwait(false);
            if (files.Wanted(parse) && !settings.DryRun)
            {
                result = files.Finish(parse, result with { Instances = await Compare.InstanceIdentities.DescribeAsync(ec2, result, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false) }, saved);
            }

            RunOutput.Write(result, destinations, output, parse.InvocationConfiguration.Error);
            return result.ExitCode;
        }));
        return command;
    }

    /// <summary>`run` and `probe` write every format into vpceprobe-reports/ unless told otherwise; --output-dir is the older name of --output.</summary>
    public static FormatOptions<RunResult> RunFormats() => new(ReportCatalog.Run, DefaultOutputDirectory, jsonAlias: false, "--output-dir");

    public const string DefaultOutputDirectory = "vpceprobe-reports";

    public static ScenarioDefinition Load(string scenario, WalkthroughParameters parameters)
    {
        if (scenario != WalkthroughScenario.Name)
        {
            return ScenarioReader.ReadFile(scenario);
        }

        var built = WalkthroughScenario.Build(parameters);
        var errors = ScenarioValidator.Validate(built);
        return errors.Count == 0 ? built : throw new ScenarioException(errors);
    }

    /// <summary>
    /// --yes applies; a terminal is asked; no terminal and no --yes refuses (exit 2): a CI job must say so explicitly.
    /// Only real changes count: an adopted endpoint is used, not changed, and a run that changes nothing needs no consent.
    /// </summary>
    /// <param name="terminal">Where the answer is read; null when there is no terminal.</param>
    internal static bool Confirm(IReadOnlyList<ChangeRecord> planned, bool yes, string vpcId, TextWriter output, TextReader? terminal)
    {
        foreach (var change in planned)
        {
            output.WriteLine($"  [{change.Phase}] {change.Description}");
        }

        var changes = planned.Count(c => c.Action != EndpointCreation.AdoptAction);
        if (yes || changes == 0)
        {
            return true;
        }

        if (terminal is null)
        {
            output.WriteLine("refusing to change the VPC without --yes: there is no terminal to ask (nothing was changed)");
            return false;
        }

        output.Write($"Apply these {changes} change(s) to {vpcId}? They are undone at the end of the run. [y/N] ");
        if (terminal.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes")
        {
            return true;
        }

        output.WriteLine("not confirmed: nothing was changed (exit 2)");
        return false;
    }
}
