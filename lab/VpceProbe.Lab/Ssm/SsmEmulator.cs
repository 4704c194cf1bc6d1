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
internal sealed class SsmEmulator(CommandStore commands, SsmAgentFleet fleet, TimeProvider time, GatewayOptions options, string region, CancellationToken lifetime)
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
        commands.CountCall(request.Operation);
        var (status, body) = request.Operation switch
        {
            "SendCommand" => Send(input),
            "CancelCommand" => Cancel(input),
            "GetCommandInvocation" => GetInvocation(input),
            "ListCommandInvocations" => ListInvocations(input),
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

        var targets = Targets(input);
        if (targets.Count > 0 && (input.Strings("InstanceIds").Count > 0 || targets.Any(t => !t.IsSupported || t.Values.Count == 0)))
        {
            return Error("InvalidParameters", "give InstanceIds or Targets, not both; the lab resolves Targets by InstanceIds, tag:NAME and tag-key, each with values");
        }

        // SSM resolves Targets to the managed nodes they select when the command is sent; none is not an error.
        var instanceIds = targets.Count > 0 ? SsmTarget.Resolve(targets, fleet.Nodes) : input.Strings("InstanceIds");
        var unmanaged = instanceIds.Where(id => fleet.Node(id) is null).ToList();
        if ((targets.Count == 0 && instanceIds.Count == 0) || unmanaged.Count > 0)
        {
            // AWS refuses targets that are not managed nodes (never registered with SSM) up front, with this text
            // (as the AWS CLI prints it: "An error occurred (InvalidInstanceId) ...: Instances not in a valid state for account").
            return Error("InvalidInstanceId", "Instances not in a valid state for account");
        }

        var parameters = input.Parameters();
        if (!parameters.TryGetValue("commands", out var script) || script.Count == 0)
        {
            // AWS-RunShellScript's "commands" has no default: SSM refuses the command and runs nothing
            // (API_SendCommand, InvalidParameters: "You must specify values for all required parameters in the SSM document").
            // The harness's permission preflight relies on it to prove ssm:SendCommand without running anything.
            return Error("InvalidParameters", "Parameter \"commands\" is required by document AWS-RunShellScript.");
        }

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
            Targets = targets,
            MaxConcurrency = input.String("MaxConcurrency") ?? "50",
            MaxErrors = input.String("MaxErrors") ?? "0",
        };
        var concurrency = CommandRollout.Parse(command.MaxConcurrency, instanceIds.Count, atLeastOne: true);
        var errors = CommandRollout.Parse(command.MaxErrors, instanceIds.Count, atLeastOne: false);
        if (concurrency is null || errors is null)
        {
            return Error("InvalidParameters", "MaxConcurrency and MaxErrors are a number or a percentage (10, 10%)");
        }

        command.Invocations.AddRange(instanceIds.Select(id => new CommandInvocation(command, id)));
        commands.Add(command);
        if (concurrency >= instanceIds.Count && errors >= instanceIds.Count)
        {
            foreach (var invocation in command.Invocations)
            {
                _ = fleet.DeliverNow(invocation, lifetime);
            }
        }
        else
        {
            command.Invocations.ForEach(i => i.Hold());
            _ = CommandRollout.RunAsync(command, concurrency.Value, errors.Value, i => fleet.DeliverNow(i, lifetime), time, lifetime);
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
        if (invocation is null || !Visible(invocation))
        {
            return Error("InvocationDoesNotExist", string.Empty);
        }

        invocation.MarkRead(time.GetUtcNow());
        return (200, SsmShapes.Invocation(invocation, region));
    }

    /// <summary>
    /// One page of invocations: MaxResults from 1 to 50 (50 when absent), NextToken from the previous page
    /// (API_ListCommandInvocations: "Valid Range: Minimum value of 1. Maximum value of 50.").
    /// </summary>
    private (int, Dictionary<string, object?>) ListInvocations(SsmInput input)
    {
        var max = input.Int("MaxResults") ?? 50;
        if (max is < 1 or > 50)
        {
            return Error("ValidationException", $"1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
        }

        var offset = 0;
        if (input.String("NextToken") is { } token && !ListToken.TryRead(token, out offset))
        {
            return Error("InvalidNextToken", "The specified token is not valid.");
        }

        var all = Invocations(input).ToList();
        var page = all.Skip(offset).Take(max).ToList();
        var now = time.GetUtcNow();
        page.ForEach(i => i.MarkRead(now));
        var body = new Dictionary<string, object?> { ["CommandInvocations"] = page.Select(i => SsmShapes.ListedInvocation(i, input.Bool("Details"), region)).ToList() };
        if (offset + page.Count < all.Count)
        {
            body["NextToken"] = ListToken.Write(offset + page.Count);
        }

        return (200, body);
    }

    private static List<SsmTarget> Targets(SsmInput input) =>
        input.Element("Targets") is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object)
                .Select(t => new SsmTarget(t.TryGetProperty("Key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : string.Empty, SsmInput.Strings(t, "Values")))]
            : [];

    private IEnumerable<CommandInvocation> Invocations(SsmInput input) =>
        Commands(input).SelectMany(c => c.Invocations).Where(Visible).Where(i => input.String("InstanceId") is not { } id || i.InstanceId == id);

    /// <summary>
    /// Invocations appear a moment after SendCommand returns (until then AWS answers InvocationDoesNotExist), or as
    /// soon as their agent picks them up: one rule for GetCommandInvocation and the listing, so that no call shows an
    /// invocation ended that the other says does not exist (the listing once did, and the harness lost a report).
    /// </summary>
    private bool Visible(CommandInvocation invocation) =>
        invocation.ExecutionStart is not null || time.GetUtcNow() - invocation.Command.RequestedAt >= options.InvocationVisibleAfter;

    private IEnumerable<SsmCommand> Commands(SsmInput input) =>
        commands.All.Where(c => input.String("CommandId") is not { } id || c.CommandId == id)
            .Where(c => input.String("InstanceId") is not { } instance || c.Invocations.Any(i => i.InstanceId == instance));

    private static (int, Dictionary<string, object?>) Error(string code, string message) =>
        (400, new Dictionary<string, object?> { ["__type"] = code, ["message"] = message });
}
