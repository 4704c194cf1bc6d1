using System.Text.Json;
using VpceProbe.Contract.Aws;

namespace VpceProbe.Harness.Aws;

/// <summary>
/// The repository's iam/ policy files (embedded in the program), to name in a refusal the file that grants an
/// action. The harness's own files are asked in the order a user attaches them; instance.json is the instances'.
/// Where the refusal names its resource, the files' Resource ARNs decide (placeholders such as OUTPUT_BUCKET
/// match anything): s3:GetObject under vpceprobe/ssm-output/ is output-bucket.json's, under vpceprobe/agent/
/// agent-deploy.json's. Conditions are not asked: a refusal does not say which keys the request carried.
/// </summary>
internal static class IamPolicyCatalog
{
    public static readonly IReadOnlyList<string> HarnessFiles = ["read-only", "run", "agent-deploy", "output-bucket"];

    private static readonly string[] Placeholders = ["REGION", "ACCOUNT_ID", "VPC_ID", "STAGING_BUCKET", "OUTPUT_BUCKET", "PROBED_BUCKET", "SECRET_NAME"];

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoContext = new Dictionary<string, IReadOnlyList<string>>();

    private static readonly Lazy<IReadOnlyList<(string File, IdentityPolicyActions Actions, IdentityPolicy Policy)>> Files = new(Load);

    /// <summary>"iam/run.json" for ec2:CreateVpcEndpoint; null for an action no file grants.</summary>
    public static string? FileGranting(string action) =>
        Files.Value.Where(f => f.Actions.Allows(action)).Select(f => $"iam/{f.File}.json").FirstOrDefault();

    /// <summary>The file whose statements allow <paramref name="action"/> on <paramref name="resource"/>; else the action's file.</summary>
    public static string? FileGranting(string action, string? resource) =>
        resource is null ? FileGranting(action)
        : Files.Value.Where(f => f.Policy.Refused(new AuthorizationRequest(action, [resource], NoContext, [])) is null)
            .Select(f => $"iam/{f.File}.json").FirstOrDefault() ?? FileGranting(action);

    private static IReadOnlyList<(string, IdentityPolicyActions, IdentityPolicy)> Load()
    {
        var assembly = typeof(IamPolicyCatalog).Assembly;
        return [.. HarnessFiles.Select(name =>
        {
            using var stream = assembly.GetManifestResourceStream($"iam/{name}.json")
                ?? throw new InvalidOperationException($"iam/{name}.json is not embedded in the harness");
            using var reader = new StreamReader(stream);
            var text = Placeholders.Aggregate(reader.ReadToEnd(), (t, p) => t.Replace(p, "*", StringComparison.Ordinal));
            using var document = JsonDocument.Parse(text);
            return (name, IdentityPolicyActions.Read([document.RootElement]), IdentityPolicy.Read([document.RootElement]));
        })];
    }
}
