using VpceProbe.Contract.Aws;

namespace VpceProbe.Lab.Policies;

/// <summary>
/// One statement of an IAM policy as the endpoint evaluator needs it. Exactly one of
/// <see cref="Actions"/>/<see cref="NotActions"/> and one of <see cref="Resources"/>/<see cref="NotResources"/>
/// is non-null, as IAM requires.
/// </summary>
internal sealed record PolicyStatement(
    bool IsAllow,
    bool AppliesToEveryPrincipal,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<string>? NotActions,
    IReadOnlyList<string>? Resources,
    IReadOnlyList<string>? NotResources)
{
    /// <summary>Whether this statement covers <paramref name="action"/> on <paramref name="resource"/>.</summary>
    public bool Matches(string action, string resource) =>
        AppliesToEveryPrincipal
        && Covers(Actions, NotActions, action, ignoreCase: true)
        && Covers(Resources, NotResources, resource, ignoreCase: false);

    // Action names are case-insensitive in IAM; resource ARNs are matched as written.
    private static bool Covers(IReadOnlyList<string>? listed, IReadOnlyList<string>? excluded, string value, bool ignoreCase) =>
        listed is not null
            ? listed.Any(p => Wildcard.IsMatch(p, value, ignoreCase))
            : !excluded!.Any(p => Wildcard.IsMatch(p, value, ignoreCase));
}
