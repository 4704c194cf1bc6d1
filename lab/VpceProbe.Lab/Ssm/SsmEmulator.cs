using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// Answers the SSM run-command API (JSON 1.1, X-Amz-Target AmazonSSM.*) that moto accepts but does not
/// carry out or lacks: SendCommand, CancelCommand, GetCommandInvocation, ListCommandInvocations, ListCommands,
/// DescribeInstanceInformation. Every other SSM call goes on to moto.
/// </summary>
public sealed class SsmEmulator(CommandStore commands, SsmAgentFleet fleet, TimeProvider time, GatewayOptions options, string region, CancellationToken lifetime)
    : IApiEmulation
{
    private const string Prefix = "AmazonSSM.";
    private static readonly HashSet<string> Emulated =
        ["SendCommand", "CancelCommand", "GetCommandInvocation", "ListCommandInvocations", "ListCommands", "DescribeInstanceInformation"];

    public bool Handles(AwsRequest request) =>
        request.Target is { } t && t.StartsWith(Prefix, StringComparison.Ordinal) && Emulated.Contains(request.Operation);

    public async Task HandleAsync(AwsRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(request.Body.Length == 0 ? "{}"u8.ToArray() : request.Body);
        var input = new SsmInput(document.RootElement);
        var (status, body) = request.Operation switch
        {
            "SendCommand" => Send(input),
            "CancelCommand" => Cancel(input),
            "GetCommandInvocation" => GetInvocation(input),
            "ListCommandInvocations" => (200, new Dictionary<string, object?> { ["CommandInvocations"] = Invocations(input).Select(i => SsmShapes.ListedInvocation(i, input.Bool("Details"), region)).ToList() }),
            "ListCommands" => (200, new Dictionary<string, object?> { ["Commands"] = Commands(input).Select(c => SsmShapes.Command(c, region)).ToList() }),
            _ => (200, new Dictionary<string, object?> { ["InstanceInformationList"] = SsmNodeFilter.Apply(fleet.Nodes, input).Select(SsmShapes.Node).ToList() }),
        };
        response.StatusCode = status;
        response.ContentType = "application/x-amz-json-1.1";
        await JsonSerializer.SerializeAsync(response.Body, body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private (int, Dictionary<string, object?>) Send(SsmInput input)
    {
        var document = input.String("DocumentName");
        if (document != "AWS-RunShellScript")
        {
            return Error("InvalidDocument", $"Document {document} is not supported by the lab (only AWS-RunShellScript)");
        }

        var instanceIds = input.Strings("InstanceIds");
        var unmanaged = instanceIds.Where(id => fleet.Node(id) is null).ToList();
        if (instanceIds.Count == 0 || unmanaged.Count > 0)
        {
            // AWS refuses targets that are not managed nodes (never registered with SSM) up front, with this text
            // (as the AWS CLI prints it: "An error occurred (InvalidInstanceId) ...: Instances not in a valid state for account").
            return Error("InvalidInstanceId", "Instances not in a valid state for account");
        }

        var parameters = input.Parameters();
        var executionTimeout = parameters.TryGetValue("executionTimeout", out var et) && int.TryParse(et.FirstOrDefault(), CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromHours(1);
        var command = new SsmCommand
        {
            CommandId = Guid.NewGuid().ToString(),
            DocumentName = document,
            Parameters = parameters,
            Comment = input.String("Comment") ?? string.Empty,
            RequestedAt = time.GetUtcNow(),
            DeliveryTimeout = TimeSpan.FromSeconds(input.Int("TimeoutSeconds") ?? 3600),
            ExecutionTimeout = executionTimeout,
            OutputS3BucketName = input.String("OutputS3BucketName"),
            OutputS3KeyPrefix = input.String("OutputS3KeyPrefix"),
        };
        command.Invocations.AddRange(instanceIds.Select(id => new CommandInvocation(command, id)));
        commands.Add(command);
        foreach (var invocation in command.Invocations)
        {
            fleet.DeliverNow(invocation, lifetime);
        }

        return (200, new Dictionary<string, object?> { ["Command"] = SsmShapes.Command(command, region) });
    }

    private (int, Dictionary<string, object?>) Cancel(SsmInput input)
    {
        if (commands.Find(input.String("CommandId") ?? string.Empty) is not { } command)
        {
            return Error("InvalidCommandId", string.Empty);
        }

        var only = input.Strings("InstanceIds");
        foreach (var invocation in command.Invocations.Where(i => only.Count == 0 || only.Contains(i.InstanceId)))
        {
            invocation.TryEndUndelivered(InvocationState.Cancelled, time.GetUtcNow());
        }

        return (200, []);
    }

    private (int, Dictionary<string, object?>) GetInvocation(SsmInput input)
    {
        var command = commands.Find(input.String("CommandId") ?? string.Empty);
        var invocation = command?.Invocations.FirstOrDefault(i => i.InstanceId == input.String("InstanceId"));
        // Invocations appear a moment after SendCommand returns; until then AWS answers InvocationDoesNotExist.
        return invocation is null || time.GetUtcNow() - command!.RequestedAt < options.InvocationVisibleAfter
            ? Error("InvocationDoesNotExist", string.Empty)
            : (200, SsmShapes.Invocation(invocation, region));
    }

    private IEnumerable<CommandInvocation> Invocations(SsmInput input) =>
        Commands(input).SelectMany(c => c.Invocations).Where(i => input.String("InstanceId") is not { } id || i.InstanceId == id);

    private IEnumerable<SsmCommand> Commands(SsmInput input) =>
        commands.All.Where(c => input.String("CommandId") is not { } id || c.CommandId == id)
            .Where(c => input.String("InstanceId") is not { } instance || c.Invocations.Any(i => i.InstanceId == instance));

    private static (int, Dictionary<string, object?>) Error(string code, string message) =>
        (400, new Dictionary<string, object?> { ["__type"] = code, ["message"] = message });
}
