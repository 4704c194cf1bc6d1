using System.Text.Json;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// The AWS CLI, for the services whose .NET SDK packages are not served here (IAM, Secrets Manager). Calls go
/// only to the lab's endpoint with the lab's fake credentials.
/// </summary>
internal sealed class AwsCli(Uri endpoint, string region)
{
    public async Task<JsonElement> CallAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var command = new List<string> { "env", "AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing", "AWS_PAGER=", "aws", "--endpoint-url", endpoint.ToString(), "--region", region, "--output", "json" };
        command.AddRange(args);
        var output = await Commands.MustAsync(command, cancellationToken: cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(output) ? default : JsonDocument.Parse(output).RootElement.Clone();
    }
}
