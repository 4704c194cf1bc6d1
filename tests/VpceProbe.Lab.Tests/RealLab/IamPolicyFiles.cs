using System.Text.Json;
using VpceProbe.Contract.Aws;
using VpceProbe.Testing;

namespace VpceProbe.Lab.Tests.RealLab;

/// <summary>The policy documents under the repository's iam/ folder, by file name without ".json".</summary>
internal static class IamPolicyFiles
{
    public const string ReadOnly = "read-only";
    public const string Run = "run";
    public const string AgentDeploy = "agent-deploy";
    public const string OutputBucket = "output-bucket";
    public const string Instance = "instance";

    public static IReadOnlyList<string> All => [ReadOnly, Run, AgentDeploy, OutputBucket, Instance];

    public static JsonElement Document(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AgentBinary.RepositoryRoot(), "iam", $"{name}.json"))).RootElement.Clone();

    public static IdentityPolicyActions Actions(params string[] names) => IdentityPolicyActions.Read(names.Select(Document));

    /// <summary>The document with its placeholders replaced, as a user attaches it (README "Permissions").</summary>
    public static JsonElement Scoped(string name, IamScope scope)
    {
        var text = File.ReadAllText(Path.Combine(AgentBinary.RepositoryRoot(), "iam", $"{name}.json"))
            .Replace("REGION", scope.Region, StringComparison.Ordinal)
            .Replace("ACCOUNT_ID", scope.AccountId, StringComparison.Ordinal)
            .Replace("VPC_ID", scope.VpcId, StringComparison.Ordinal)
            .Replace("STAGING_BUCKET", scope.StagingBucket, StringComparison.Ordinal)
            .Replace("OUTPUT_BUCKET", scope.OutputBucket, StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>The values a user puts in place of the iam/ files' placeholders.</summary>
internal sealed record IamScope(string Region, string AccountId, string VpcId, string StagingBucket, string OutputBucket);
