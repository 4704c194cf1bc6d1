using VpceProbe.Agent.Output;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Cli;

/// <summary>The agent's command line, parsed by hand: five options do not justify a parser in a 15 MB-budget binary.</summary>
internal sealed record AgentArguments
{
    public const string Usage = """
        usage: vpceprobe-agent --plan FILE | --plan - | --plan-base64 STRING [--format FORMAT]
               vpceprobe-agent --version | --help

          --plan FILE           read the probe plan (JSON) from FILE; "-" reads standard input
          --plan-base64 STRING  the plan as base64 (how the harness passes it through SSM)
          --format FORMAT       report format: {formats} (default {default})
          --version             print the agent's version
          --help                print this help

        exit codes: 0 every expectation met, 1 at least one not met, 2 bad plan or usage, 3 internal error
        """;

    public string? PlanFile { get; init; }

    public string? PlanBase64 { get; init; }

    public IReportWriter Writer { get; init; } = ReportWriters.Default;

    /// <summary>Where the plan comes from, as error messages name it ("plan.json", "stdin", "--plan-base64").</summary>
    public string PlanSource => PlanBase64 is not null ? "--plan-base64" : PlanFile == "-" ? "stdin" : PlanFile ?? "plan";

    public bool ShowVersion { get; init; }

    public bool ShowHelp { get; init; }

    public static string HelpText => Usage.Replace("{formats}", ReportWriters.Names, StringComparison.Ordinal)
        .Replace("{default}", ReportWriters.Default.Format, StringComparison.Ordinal);

    public static (AgentArguments Arguments, IReadOnlyList<PlanError> Errors) Parse(IReadOnlyList<string> args)
    {
        var result = new AgentArguments();
        var errors = new List<PlanError>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h" or "--version")
            {
                result = name == "--version" ? result with { ShowVersion = true } : result with { ShowHelp = true };
            }
            else if (name is not ("--plan" or "--plan-base64" or "--format"))
            {
                errors.Add(new(name, "is not an option of vpceprobe-agent (see --help)"));
            }
            else if (i + 1 >= args.Count)
            {
                errors.Add(new(name, "needs a value"));
            }
            else
            {
                result = WithValue(result, name, args[++i], errors);
            }
        }

        if (!result.ShowHelp && !result.ShowVersion && errors.Count == 0)
        {
            if (result.PlanFile is null && result.PlanBase64 is null)
            {
                errors.Add(new("--plan", "is required: --plan FILE, --plan - or --plan-base64 STRING"));
            }
            else if (result.PlanFile is not null && result.PlanBase64 is not null)
            {
                errors.Add(new("--plan", "give either --plan or --plan-base64, not both"));
            }
        }

        return (result, errors);
    }

    private static AgentArguments WithValue(AgentArguments result, string name, string value, List<PlanError> errors)
    {
        switch (name)
        {
            case "--plan":
                return result with { PlanFile = value };
            case "--plan-base64":
                return result with { PlanBase64 = value };
            default:
                var writer = ReportWriters.Find(value);
                if (writer is null)
                {
                    errors.Add(new("--format", $"'{value}' is not a format; use {ReportWriters.Names}"));
                }

                return result with { Writer = writer ?? result.Writer };
        }
    }
}
