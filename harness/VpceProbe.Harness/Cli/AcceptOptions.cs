using System.CommandLine;
using System.Text.RegularExpressions;
using VpceProbe.Contract;
using VpceProbe.Harness.Accept;
using VpceProbe.Harness.Discovery.Derivation;

namespace VpceProbe.Harness.Cli;

/// <summary>`accept`'s own options, each checked before any AWS call (a hostile value never reaches a plan).</summary>
internal sealed partial class AcceptOptions
{
    public Option<string?> Vpc { get; } = new("--vpc") { Description = "The VPC id (vpc-...)." };

    public Option<string?> VpcName { get; } = new("--vpc-name") { Description = "The VPC's Name tag, instead of --vpc." };

    public Option<string[]> Instances { get; } = new("--instance") { Description = "Run on these instances instead of one per private subnet.", AllowMultipleArgumentsPerToken = true };

    public Option<bool> PerAz { get; } = new("--per-az") { Description = "One instance per AZ with private subnets, instead of one per private subnet." };

    public Option<string?> EgressHost { get; } = new("--egress-host") { Description = "Check internet egress as the route table implies by fetching http://HOST/ (default: no outside host is contacted)." };

    public Option<FileInfo?> Plan { get; } = new("--plan") { Description = "Extra probes (a plan in the agent's JSON format), run after the derived ones." };

    public Option<string?> Bucket { get; } = new("--bucket") { Description = "A bucket every instance must be able to list (the data path through the S3 endpoint policy)." };

    public Option<string?> SecretId { get; } = new("--secret-id") { Description = "A secret every instance must be able to read (the data path through the Secrets Manager endpoint policy); its value is never printed." };

    public Option<bool> Strict { get; } = new("--strict") { Description = "A gateway endpoint missing from a private subnet's route table is a failure there, not a note." };

    public Option<string?> WaitFor { get; } = new("--wait-for")
    {
        Description = "Retry each probe until its expectation holds or this much time has passed (\"15s\"), right after a change while DNS and endpoints propagate. Default: one attempt.",
    };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print each chosen instance's derived plan and why; run nothing on any instance." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Vpc, VpcName, Instances, PerAz, EgressHost, Plan, Bucket, SecretId, Strict, WaitFor, DryRun })
        {
            command.Options.Add(option);
        }
    }

    public TargetSpread Spread(ParseResult parse) => parse.GetValue(PerAz) ? TargetSpread.PerAz : TargetSpread.PerSubnet;

    /// <exception cref="UsageException">A value that cannot be used as given, with what to give instead.</exception>
    public DerivationOptions Derivation(ParseResult parse)
    {
        var host = parse.GetValue(EgressHost);
        if (host is not null && Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
        {
            throw new UsageException($"--egress-host '{host}' is not a host name or IPv4 address (give a host such as example.com, no scheme or path)");
        }

        var bucket = parse.GetValue(Bucket);
        if (bucket is not null && !BucketName().IsMatch(bucket))
        {
            throw new UsageException($"--bucket '{bucket}' is not an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)");
        }

        var secret = parse.GetValue(SecretId);
        if (secret is not null && (secret.Length is 0 or > 2048 || secret.Any(char.IsControl)))
        {
            throw new UsageException("--secret-id is not a secret name or ARN (1-2048 printable characters)");
        }

        return new DerivationOptions(host, parse.GetValue(Strict), bucket, secret);
    }

    /// <summary>--wait-for as the agent reads durations; null when not given.</summary>
    public string? Patience(ParseResult parse) => parse.GetValue(WaitFor) switch
    {
        null => null,
        var text when Duration.TryParse(text, out _) => text,
        var text => throw new UsageException($"--wait-for '{text}' is not a duration such as 500ms, 15s or 2m"),
    };

    /// <summary>--vpc or --vpc-name, exactly one; the id's shape is checked before any call.</summary>
    public (string? Id, string? Name) Which(ParseResult parse)
    {
        var (id, name) = (parse.GetValue(Vpc), parse.GetValue(VpcName));
        return (id, name) switch
        {
            (null, null) or (not null, not null) => throw new UsageException("give the VPC as --vpc ID or --vpc-name NAME (one of them)"),
            (not null, _) when !VpcId().IsMatch(id) => throw new UsageException($"--vpc '{id}' is not a VPC id (vpc- and hex digits)"),
            _ => (id, name),
        };
    }

    /// <summary>The probes of --plan, validated as the agent would (every error listed); none without --plan.</summary>
    public async Task<IReadOnlyList<ProbeSpec>> ExtraProbesAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Plan) is not { } file)
        {
            return [];
        }

        var read = PlanReader.FromJson(File.Exists(file.FullName)
            ? await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false)
            : throw new UsageException($"--plan '{file.FullName}' not found"));
        return read.IsValid ? read.Plan!.Probes : throw new UsageException($"--plan {file.Name}: {string.Join("; ", read.Errors)}");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();

    [GeneratedRegex("^vpc-[0-9a-f]{8,17}$", RegexOptions.CultureInvariant)]
    private static partial Regex VpcId();
}
