namespace VpceProbe.Contract;

/// <summary>Expectation words and the single rule that decides whether an outcome meets one.</summary>
public static class Expectations
{
    public const string Private = "private";
    public const string Public = "public";
    public const string Resolves = "resolves";
    public const string Nxdomain = "nxdomain";
    public const string Reachable = "reachable";
    public const string Unreachable = "unreachable";
    public const string Allowed = "allowed";
    public const string Denied = "denied";

    /// <summary>True when <paramref name="expect"/> is a three-digit HTTP status such as "200" or "403".</summary>
    public static bool IsStatusCode(string expect, out int status) =>
        int.TryParse(expect, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out status)
        && expect.Length == 3 && status is >= 100 and <= 599;

    /// <summary>
    /// Whether the observed outcome meets the expectation. An "unreachable" expectation is met only by
    /// <see cref="Outcome.Unreachable"/>, which probes set only for timeouts, refusals and unroutable targets:
    /// a crash or a plan error is <see cref="Outcome.Error"/> and never passes.
    /// </summary>
    public static bool IsMet(string expect, Outcome outcome, int? statusCode) => expect switch
    {
        Private => outcome == Outcome.Private,
        Public => outcome == Outcome.Public,
        Resolves => outcome is Outcome.Private or Outcome.Public or Outcome.Mixed,
        Nxdomain => outcome == Outcome.Nxdomain,
        Reachable => outcome == Outcome.Reachable,
        Unreachable => outcome == Outcome.Unreachable,
        Allowed => outcome == Outcome.Allowed,
        Denied => outcome == Outcome.Denied,
        _ when IsStatusCode(expect, out var status) => outcome == Outcome.Reachable && statusCode == status,
        _ => false,
    };
}
