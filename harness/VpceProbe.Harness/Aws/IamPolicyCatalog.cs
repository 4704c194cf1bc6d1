using System.Text.Json;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Harness.Aws;

/// <summary>
/// The repository's iam/ policy files (embedded in the program), to name in a refusal the file that grants an
/// action. The harness's own files are asked in the order a user attaches them; instance.json is the instances'.
/// </summary>
public static class IamPolicyCatalog
{
    public static readonly IReadOnlyList<string> HarnessFiles = ["read-only", "run", "agent-deploy", "output-bucket"];

    private static readonly Lazy<IReadOnlyList<(string File, IdentityPolicyActions Actions)>> Files = new(Load);

    /// <summary>"iam/run.json" for ec2:CreateVpcEndpoint; null for an action no file grants.</summary>
    public static string? FileGranting(string action) =>
        Files.Value.Where(f => f.Actions.Allows(action)).Select(f => $"iam/{f.File}.json").FirstOrDefault();

    private static IReadOnlyList<(string, IdentityPolicyActions)> Load()
    {
        var assembly = typeof(IamPolicyCatalog).Assembly;
        return [.. HarnessFiles.Select(name =>
        {
            using var stream = assembly.GetManifestResourceStream($"iam/{name}.json")
                ?? throw new InvalidOperationException($"iam/{name}.json is not embedded in the harness");
            using var document = JsonDocument.Parse(stream);
            return (name, IdentityPolicyActions.Read([document.RootElement]));
        })];
    }
}
