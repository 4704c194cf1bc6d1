using System.Globalization;

namespace VpceProbe.Harness.Audit;

/// <summary>Fills a rule's message template; invariant culture so findings read the same on every machine.</summary>
internal static class AuditText
{
    public static string Fill(string template, params object[] args) => string.Format(CultureInfo.InvariantCulture, template, args);

    public static string List(IEnumerable<string> items) => string.Join(", ", items);
}
