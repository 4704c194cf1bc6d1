using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Ssm;

/// <summary>
/// A loopback HTTP server speaking SSM's JSON 1.1 protocol from a script: SendCommand gets a fixed command id;
/// each ListCommandInvocations of a command moves every instance of it to the next answer the test queued (the last
/// one repeats; an InvocationDoesNotExist answer leaves the instance out of the listing), shaped as AWS lists them
/// (CommandPlugins Output: stdout and stderr together, cut at 2,500 characters), 50 a page with a NextToken;
/// GetCommandInvocation answers the instance's current answer. It records every request it was sent.
/// </summary>
internal sealed class SsmReplayServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, Queue<(int Status, string Body)>> _answers = new(StringComparer.Ordinal);
    private readonly List<(string Target, JsonNode Body)> _requests = [];
    private readonly Task _loop;
    private readonly Dictionary<string, string[]> _targets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Status, string Body)> _current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _getLag = new(StringComparer.Ordinal);
    private int _commands;

    public SsmReplayServer()
    {
        Url = $"http://127.0.0.1:{FreePort.Next()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>What each step's command answers: (instance, command text) → GetCommandInvocation answers; null = use the queue.</summary>
    public Func<string, string, IReadOnlyList<(int Status, string Body)>?>? Script { get; set; }

    /// <summary>When set, SendCommand answers this (an error such as InvalidInstanceId) instead of a command id.</summary>
    public (int Status, string Body)? SendCommandAnswer { get; init; }

    public IReadOnlyList<(string Target, JsonNode Body)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IEnumerable<JsonNode> Sent => Requests.Where(r => r.Target == "SendCommand").Select(r => r.Body);

    public IAmazonSimpleSystemsManagement Client() =>
        new AmazonSimpleSystemsManagementClient(new BasicAWSCredentials("testing", "testing"), new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = Url,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    public void Queue(string instanceId, params (int Status, string Body)[] answers)
    {
        lock (_answers)
        {
            _answers[instanceId] = new Queue<(int, string)>(answers);
        }
    }

    /// <summary>The next <paramref name="calls"/> GetCommandInvocation calls for the instance answer InvocationDoesNotExist, whatever the listing shows.</summary>
    public void LagGetCommandInvocation(string instanceId, int calls)
    {
        lock (_answers)
        {
            _getLag[instanceId] = calls;
        }
    }

    /// <summary>A GetCommandInvocation answer as AWS shapes it.</summary>
    public static (int, string) Invocation(string status, string? details = null, int code = -1, string stdout = "", string stderr = "") =>
        (200, new JsonObject
        {
            ["CommandId"] = "cmd-replay",
            ["Status"] = status,
            ["StatusDetails"] = details ?? status,
            ["ResponseCode"] = code,
            ["StandardOutputContent"] = stdout,
            ["StandardErrorContent"] = stderr,
            ["DocumentName"] = "AWS-RunShellScript",
        }.ToJsonString());

    public static (int, string) Error(string type, string message = "") =>
        (400, new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString());

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            var target = context.Request.Headers["X-Amz-Target"]!.Split('.')[^1];
            lock (_requests)
            {
                _requests.Add((target, body));
            }

            var (status, json) = Answer(target, body);
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int, string) Answer(string target, JsonNode body)
    {
        switch (target)
        {
            case "SendCommand" when SendCommandAnswer is { } answer:
                return answer;
            case "SendCommand":
                var id = $"cmd-{Interlocked.Increment(ref _commands)}";
                var command = body["Parameters"]!["commands"]![0]!.GetValue<string>();
                var targets = body["InstanceIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [.. TagTargets];
                lock (_answers)
                {
                    _targets[id] = targets;
                }

                foreach (var instance in targets)
                {
                    if (Script?.Invoke(instance, command) is { } scripted)
                    {
                        Queue(instance, [.. scripted]);
                    }
                }

                return (200, new JsonObject { ["Command"] = new JsonObject { ["CommandId"] = id, ["Status"] = "Pending" } }.ToJsonString());
            case "ListCommandInvocations":
                return List(body["CommandId"]!.GetValue<string>(), body["MaxResults"]?.GetValue<int>() ?? 50, body["NextToken"]?.GetValue<string>());
            case "GetCommandInvocation":
                lock (_answers)
                {
                    var instanceId = body["InstanceId"]!.GetValue<string>();
                    if (_getLag.GetValueOrDefault(instanceId) is > 0 and var lag)
                    {
                        _getLag[instanceId] = lag - 1;
                        return Error("InvocationDoesNotExist");
                    }

                    return _current[instanceId];
                }

            case "CancelCommand":
                return (200, "{}");
            default:
                return Error("InvalidAction", target);
        }
    }

    /// <summary>The instances a tag-targeted SendCommand (no InstanceIds) resolves to.</summary>
    public IReadOnlyList<string> TagTargets { get; init; } = [];

    /// <summary>A page of the command's invocations; the first page of each poll advances every instance's queue.</summary>
    private (int, string) List(string commandId, int maxResults, string? token)
    {
        lock (_answers)
        {
            var targets = _targets[commandId];
            var offset = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
            if (token is null)
            {
                foreach (var instance in targets)
                {
                    var queue = _answers[instance];
                    _current[instance] = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
                }
            }

            var listed = targets.Where(i => _current[i].Status == 200).ToList();
            var page = listed.Skip(offset).Take(maxResults).Select(i => Listed(i, JsonNode.Parse(_current[i].Body)!)).ToArray<JsonNode?>();
            var result = new JsonObject { ["CommandInvocations"] = new JsonArray(page) };
            if (offset + maxResults < listed.Count)
            {
                result["NextToken"] = (offset + maxResults).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return (200, result.ToJsonString());
        }
    }

    /// <summary>A GetCommandInvocation answer as ListCommandInvocations with Details lists it.</summary>
    private static JsonObject Listed(string instanceId, JsonNode get)
    {
        var stdout = get["StandardOutputContent"]!.GetValue<string>();
        var stderr = get["StandardErrorContent"]!.GetValue<string>();
        var output = stdout + (stderr.Length == 0 ? "" : "\n----------ERROR-------\n" + stderr);
        if (output.Length > 2500)
        {
            output = output[..(2500 - 23)] + "\n---Output truncated---";
        }

        return new JsonObject
        {
            ["CommandId"] = get["CommandId"]!.GetValue<string>(),
            ["InstanceId"] = instanceId,
            ["Status"] = get["Status"]!.GetValue<string>(),
            ["StatusDetails"] = get["StatusDetails"]!.GetValue<string>(),
            ["DocumentName"] = "AWS-RunShellScript",
            ["CommandPlugins"] = new JsonArray(new JsonObject
            {
                ["Name"] = "aws:runShellScript",
                ["Status"] = get["Status"]!.GetValue<string>(),
                ["StatusDetails"] = get["StatusDetails"]!.GetValue<string>(),
                ["ResponseCode"] = get["ResponseCode"]!.GetValue<int>(),
                ["Output"] = output,
            }),
        };
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
