using System.Net;

namespace VpceProbe.Contract;

/// <summary>
/// Checks a plan before anything runs, so a bad plan fails with every offending field named
/// and no probe has started. Used by the agent (exit 2) and by the harness (scenario errors).
/// </summary>
public static class PlanValidator
{
    public static IReadOnlyList<PlanError> Validate(ProbePlan plan)
    {
        var errors = new List<PlanError>();
        // Source-generated deserialization leaves a missing init-only property at default (0, null), not at
        // the record's initializer, so absent fields are caught here by their default values.
        if (plan.SchemaVersion == 0)
        {
            errors.Add(new("schemaVersion", $"is required ({ProbePlan.CurrentSchemaVersion})"));
        }
        else if (plan.SchemaVersion != ProbePlan.CurrentSchemaVersion)
        {
            errors.Add(new("schemaVersion", $"unsupported version {plan.SchemaVersion}; this agent reads {ProbePlan.CurrentSchemaVersion}"));
        }

        if (plan.Region is not null && !Regions.IsValid(plan.Region))
        {
            errors.Add(new("region", Regions.Problem(plan.Region)));
        }

        CheckDuration(errors, "deadline", plan.Deadline);
        for (var i = 0; i < (plan.VpcCidrs?.Count ?? 0); i++)
        {
            if (!IPNetwork.TryParse(plan.VpcCidrs![i], out _))
            {
                errors.Add(new($"vpcCidrs[{i}]", $"{Printable.Quote(plan.VpcCidrs[i])} is not a CIDR such as 10.0.0.0/16"));
            }
        }

        foreach (var (service, url) in plan.Endpoints ?? [])
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add(new($"endpoints.{service}", $"{Printable.Quote(url)} is not an http(s) URL such as http://127.0.0.1:5000"));
            }
        }

        if (plan.Probes is not { Count: > 0 })
        {
            errors.Add(new("probes", "the plan has no probes"));
            return errors;
        }

        if (plan.Probes.Count > InputLimits.MaxProbes)
        {
            errors.Add(new("probes", $"has {plan.Probes.Count} probes; the limit is {InputLimits.MaxProbes}: split the plan"));
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Probes.Count; i++)
        {
            var p = plan.Probes[i];
            var at = $"probes[{i}]";
            if (IdProblem(p.Id) is { } problem)
            {
                errors.Add(new($"{at}.id", problem));
            }
            else if (!seen.Add(p.Id))
            {
                errors.Add(new($"{at}.id", $"{Printable.Quote(p.Id)} is used by an earlier probe; ids must be unique"));
            }

            ValidateProbe(errors, at, p);
        }

        return errors;
    }

    private static void ValidateProbe(List<PlanError> errors, string at, ProbeSpec p)
    {
        if (string.IsNullOrWhiteSpace(p.Expect) && !string.IsNullOrWhiteSpace(p.Kind))
        {
            errors.Add(new($"{at}.expect", "is required"));
        }
        else if (ProbeKinds.All.Contains(p.Kind) && ExpectProblem(p.Kind, p.Expect) is { } problem)
        {
            errors.Add(new($"{at}.expect", problem));
        }

        errors.AddRange(ValidateFields(at, p));
    }

    /// <summary>Null when <paramref name="id"/> can name a probe (reports and scenarios refer to probes by it).</summary>
    public static string? IdProblem(string? id) => id switch
    {
        null or "" => "is required: a short name such as s3-bucket",
        _ when string.IsNullOrWhiteSpace(id) || id.Any(char.IsControl) => $"{Printable.Quote(id)} is not a name; use letters, digits and dashes such as s3-bucket",
        { Length: > InputLimits.MaxIdLength } => $"{Printable.Quote(id)} is longer than {InputLimits.MaxIdLength} characters",
        _ => null,
    };

    /// <summary>Null when <paramref name="expect"/> is an expectation a <paramref name="kind"/> probe can have; otherwise what is.</summary>
    public static string? ExpectProblem(string kind, string expect)
    {
        var allowed = ProbeKinds.ExpectationsFor(kind);
        if (allowed.Contains(expect) || (kind == ProbeKinds.Http && Expectations.IsStatusCode(expect, out _)))
        {
            return null;
        }

        var extra = kind == ProbeKinds.Http ? " or an HTTP status such as 200" : "";
        return $"{Printable.Quote(expect)} is not valid for {kind}; use {string.Join(", ", allowed)}{extra}";
    }

    /// <summary>Everything about one probe but its id and expectation (a scenario sets those per phase).</summary>
    public static IReadOnlyList<PlanError> ValidateFields(string at, ProbeSpec p)
    {
        var errors = new List<PlanError>();
        if (string.IsNullOrWhiteSpace(p.Kind))
        {
            errors.Add(new($"{at}.kind", $"is required; use one of {string.Join(", ", ProbeKinds.All)}"));
            return errors;
        }

        if (!ProbeKinds.All.Contains(p.Kind))
        {
            errors.Add(new($"{at}.kind", $"{Printable.Quote(p.Kind)} is not a probe kind; use one of {string.Join(", ", ProbeKinds.All)}"));
            return errors;
        }

        var applies = ProbeFieldsByKind.For(p.Kind);
        foreach (var field in ProbeFieldsByKind.SetIn(p).Where(f => !applies.Contains(f)))
        {
            var takes = applies.Count == 0 ? "none" : string.Join(", ", applies);
            errors.Add(new($"{at}.{field}", $"does not apply to a {p.Kind} probe (its own fields: {takes}); remove it"));
        }

        CheckDuration(errors, $"{at}.timeout", p.Timeout);
        CheckDuration(errors, $"{at}.waitFor", p.WaitFor);

        switch (p.Kind)
        {
            case ProbeKinds.Dns:
                Require(errors, $"{at}.name", p.Name);
                if (p.Nameserver is not null && !IPEndPoint.TryParse(p.Nameserver, out _))
                {
                    errors.Add(new($"{at}.nameserver", $"{Printable.Quote(p.Nameserver)} is not an IP or IP:PORT such as 10.0.0.2 or 127.0.0.1:5353"));
                }

                break;
            case ProbeKinds.Tcp:
                Require(errors, $"{at}.host", p.Host);
                if (p.Port is null or < 1 or > 65535)
                {
                    errors.Add(new($"{at}.port", p.Port is null ? "is required" : $"{p.Port} is not a port (1-65535)"));
                }

                break;
            case ProbeKinds.Ping:
                Require(errors, $"{at}.host", p.Host);
                break;
            case ProbeKinds.Http:
                if (!Uri.TryCreate(p.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    errors.Add(new($"{at}.url", p.Url is null ? "is required" : $"{Printable.Quote(p.Url)} is not an http(s) URL such as https://example.com/"));
                }

                break;
            case ProbeKinds.Secret:
                Require(errors, $"{at}.secretId", p.SecretId);
                break;
            default:
                break;
        }

        return errors;
    }

    private static void Require(List<PlanError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "is required"));
        }
    }

    private static void CheckDuration(List<PlanError> errors, string field, string? value)
    {
        if (value is not null && Duration.Check(value, out _) is { } problem)
        {
            errors.Add(new(field, problem));
        }
    }
}
