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
}
