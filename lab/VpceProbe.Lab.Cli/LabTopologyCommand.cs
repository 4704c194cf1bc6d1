using System.CommandLine;
using VpceProbe.Contract;
using VpceProbe.Lab.Topology;
using VpceProbe.Lab.Twin;

namespace VpceProbe.Lab.Cli;

/// <summary>
/// `vpceprobe lab topology --from-snapshot FILE [--max-instances N] [--name NAME] [--bucket B]… [--secret-id S]… [--output FILE]`
/// (run as `vpceprobe-lab topology …`):
/// a twin of a real VPC as a topology file (lab/VpceProbe.Lab/Twin). What the twin leaves out goes to stderr.
/// Exit codes: 0 written; 2 unreadable snapshot, bad option, or a twin the validator refuses (nothing written).
/// </summary>
internal static class LabTopologyCommand
{
    public static Command Build()
    {
        var snapshot = new Option<FileInfo>("--from-snapshot") { Description = "A `vpceprobe discover --vpc ID --json` snapshot.", Required = true };
        var maxInstances = new Option<int>("--max-instances")
        {
            Description = $"Keep at most this many instances (at least one per private subnet; 1-{TwinOptions.LabMaxInstances}).",
            DefaultValueFactory = _ => TwinOptions.DefaultMaxInstances,
        };
        var name = new Option<string?>("--name") { Description = "The topology's name (default: the VPC's Name tag, else its id)." };
        var buckets = new Option<string[]>("--bucket") { Description = "Add an empty bucket (repeatable): a snapshot holds no S3 data." };
        var secrets = new Option<string[]>("--secret-id") { Description = $"Add a secret with the value '{TwinConverter.PlaceholderSecret}' (repeatable)." };
        var output = new Option<FileInfo?>("--output") { Description = "Write the topology here instead of stdout." };
        var command = new Command("topology", "Write a topology file that twins a real VPC, from a discover --json snapshot; what it leaves out is listed on stderr.")
        {
            snapshot, maxInstances, name, buckets, secrets, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var max = parse.GetValue(maxInstances);
            if (max is < 1 or > TwinOptions.LabMaxInstances)
            {
                await error.WriteLineAsync($"error: --max-instances {max}: 1 to {TwinOptions.LabMaxInstances} (the lab's bound)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var file = parse.GetRequiredValue(snapshot);
            try
            {
                if (!file.Exists || file.Length > TwinConverter.MaxSnapshotBytes)
                {
                    throw new TwinException(file.Exists ? $"{file.FullName} is over {TwinConverter.MaxSnapshotBytes} bytes" : $"{file.FullName} does not exist");
                }

                var twin = TwinConverter.Convert(
                    TwinConverter.Parse(await File.ReadAllTextAsync(file.FullName, ct).ConfigureAwait(false)),
                    new TwinOptions(parse.GetValue(name), max, parse.GetValue(buckets), parse.GetValue(secrets)));
                twin.Report.Write(error);
                var json = TopologyReader.Serialize(twin.Topology);
                var checkedTwin = TopologyReader.Parse(json, "the twin");
                if (!checkedTwin.IsValid)
                {
                    await error.WriteLineAsync("error: the twin is not a valid topology (nothing written):").ConfigureAwait(false);
                    checkedTwin.Errors.ToList().ForEach(e => error.WriteLine($"  {e}"));
                    return ExitCodes.Usage;
                }

                await WriteAsync(parse.GetValue(output), json, parse.InvocationConfiguration.Output, ct).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (TwinException e)
            {
                await error.WriteLineAsync($"error: {file.Name}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static async Task WriteAsync(FileInfo? file, string json, TextWriter stdout, CancellationToken ct)
    {
        if (file is null)
        {
            await stdout.WriteLineAsync(json).ConfigureAwait(false);
        }
        else
        {
            await File.WriteAllTextAsync(file.FullName, json + Environment.NewLine, ct).ConfigureAwait(false);
        }
    }
}
