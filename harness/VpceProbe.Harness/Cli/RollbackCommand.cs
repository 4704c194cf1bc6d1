using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Changes.Undo;
using VpceProbe.Harness.Discovery;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Run;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// `vpceprobe rollback RUN`: undo a run from its journal (after a crash, a kill, or an incomplete cleanup),
/// then check the VPC against the state recorded before the run. Safe to repeat. Exit 0 restored, 4 not
/// everything could be undone (what is left is printed), 2 no such journal, 3 AWS failed.
/// </summary>
internal static class RollbackCommand
{
    public static Command Build()
    {
        var common = new CommonOptions();
        var outputDirOption = new Option<DirectoryInfo>("--output-dir")
        {
            Description = $"The --output of the run: its journal is DIR/runs/RUN/journal.jsonl. Default: {RunCommand.DefaultOutputDirectory}.",
            DefaultValueFactory = _ => new DirectoryInfo(RunCommand.DefaultOutputDirectory),
        };
        var run = new Argument<string>("run") { Description = "The run id (under --output-dir/runs/), its directory, or its journal.jsonl." };
        var undoOptions = new UndoOptions();
        var command = new Command("rollback", "Undo a run from its journal and verify the VPC is as it was before the run.");
        command.Arguments.Add(run);
        command.Options.Add(outputDirOption);
        common.AddTo(command);
        undoOptions.AddTo(command);

        // Where the run happened is in its journal: that, not the environment, is the default here.
        common.Region.Description = "AWS region (default: the run's, from its journal).";
        common.Profile.Description = "AWS profile (default: the run's, from its journal, else the SDK's default chain).";
        common.EndpointUrl.Description = "Send every AWS call here (default: the run's, from its journal).";

        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(parse, async () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var outputDir = parse.GetRequiredValue(outputDirOption);
            var journal = RunJournal.Open(parse.GetRequiredValue(run), outputDir.FullName, TimeProvider.System);
            var header = journal.Header;
            foreach (var warning in journal.Warnings)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
            }

            // Where the run happened is in the journal; options given now win (a changed profile, say).
            var given = common.Aws(parse);
            var aws = new AwsSettings(given.Profile ?? header.Profile, given.Region ?? header.Region, given.EndpointUrl ?? header.EndpointUrl);
            var clients = new AwsClientFactory(aws);
            using var ec2 = clients.Ec2();
            using var ssm = clients.Ssm();
            var error = parse.InvocationConfiguration.Error;

            // A run that still renews its lease is alive: undoing under it would make its report a lie.
            var lease = await VpcLease.ReadAsync(ec2, header.VpcId, cancellationToken).ConfigureAwait(false);
            if (lease is not null && lease.IsAlive(TimeProvider.System.GetUtcNow()))
            {
                await error.WriteLineAsync($"refused: {VpcLease.Refusal(lease, TimeProvider.System.GetUtcNow())}; nothing was undone").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var undo = new UndoContext(
                ec2, journal, new ResourceWaits(TimeProvider.System, ResourceWaits.DefaultBound), new UndoRetry(TimeProvider.System, undoOptions.Bound(parse)), error);

            // The undo must finish even if the user presses Ctrl-C again: only the describe honours the token.
            var outcome = await new RunCleanup(undo, new VpcDiscoverer(ec2, ssm, aws.EffectiveRegion))
                .RunAsync("rollback", keepCreated: false, CancellationToken.None).ConfigureAwait(false);
            foreach (var record in outcome.Rollback.Records)
            {
                await output.WriteLineAsync($"{Reports.Runs.ReportText.WireName(record.Status)}: {record.Description}").ConfigureAwait(false);
            }

            if (outcome.Complete)
            {
                if (lease is not null && lease.RunId == header.RunId)
                {
                    // The dead run's lease, taken over: the VPC is free again.
                    await ec2.DeleteTagsAsync(new() { Resources = [header.VpcId], Tags = [new(VpcLease.TagKey, lease.Raw ?? lease.Format())] }, cancellationToken).ConfigureAwait(false);
                }

                await output.WriteLineAsync($"run {header.RunId}: {header.VpcId} {outcome.Summary}").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var settings = new RunSettings(outputDir.FullName, aws.EffectiveRegion, aws.EndpointUrl, aws.Profile, false);
            await parse.InvocationConfiguration.Error.WriteLineAsync(
                $"ROLLBACK INCOMPLETE. Left behind:{Environment.NewLine}{outcome.LeftBehind(settings.RollbackCommand(header.RunId))}").ConfigureAwait(false);
            return ExitCodes.RollbackIncomplete;
        }));
        return command;
    }
}
