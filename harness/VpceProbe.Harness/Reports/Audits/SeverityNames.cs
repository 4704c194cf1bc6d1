using VpceProbe.Harness.Audit;

namespace VpceProbe.Harness.Reports.Audits;

/// <summary>How severities are spelled in every format, and what they map to in SARIF.</summary>
internal static class SeverityNames
{
    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out Severity severity) =>
        Enum.TryParse(text, ignoreCase: true, out severity) && Enum.IsDefined(severity);

    /// <summary>SARIF result level: error for high and critical, warning for medium, note below.</summary>
    public static string SarifLevel(Severity severity) => severity switch
    {
        >= Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>
    /// GitHub code scanning ranks security results by the rule property "security-severity", a CVSS-like score:
    /// over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
    /// </summary>
    public static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "0.0",
    };
}
