using System.Collections;

namespace VpceProbe.Agent.Host;

/// <summary>
/// What on the instance can send traffic elsewhere than the VPC's configuration says: /etc/hosts lines that pin a
/// name, proxy variables. AWS's own reachability runbook warns that these break connectivity even when the analysis
/// passes (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-awssupport-analyzeawsendpointreachabilityfromec2.html);
/// the harness shows them beside a cell the VPC does not explain.
/// </summary>
internal static class InstanceOverrides
{
    public const string EtcHosts = "/etc/hosts";

    /// <summary>Kept short: the report must stay under SSM's 24,000 characters.</summary>
    private const int MaxHostsEntries = 20;

    private static readonly string[] ProxyNames = ["http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"];

    /// <summary>The lines of a hosts file that map a name to an address other than loopback; null when the file cannot be read.</summary>
    public static List<string>? HostsEntries(string path)
    {
        try
        {
            return [.. File.ReadLines(path)
                .Select(line => line.Split('#')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                .Where(words => words.Length >= 2 && !IsLoopback(words[0]))
                .Select(words => string.Join(' ', words))
                .Take(MaxHostsEntries)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The proxy variables set, credentials removed; null when none is.</summary>
    public static Dictionary<string, string>? Proxy(IDictionary environment)
    {
        var found = ProxyNames.Where(n => environment[n] is string { Length: > 0 })
            .ToDictionary(n => n, n => WithoutCredentials((string)environment[n]!), StringComparer.Ordinal);
        return found.Count == 0 ? null : found;
    }

    /// <summary>"http://user:pass@proxy:3128" → "http://proxy:3128"; a value that is no URL with credentials is kept as it is.</summary>
    public static string WithoutCredentials(string value)
    {
        // Scheme-less values ("user:pass@proxy:3128") are common in these variables, so the userinfo is cut textually.
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var slash = value.IndexOf('/', start);
        var authorityEnd = slash < 0 ? value.Length : slash;
        var at = value.LastIndexOf('@', authorityEnd - 1, authorityEnd - start);
        return at < 0 ? value : value[..start] + value[(at + 1)..];
    }

    private static bool IsLoopback(string address) =>
        address.StartsWith("127.", StringComparison.Ordinal) || address is "::1" or "0.0.0.0" || address.StartsWith("fe00::", StringComparison.Ordinal)
        || address.StartsWith("ff0", StringComparison.Ordinal);
}
