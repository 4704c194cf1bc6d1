using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace VpceProbe.Harness.Aws;

/// <summary>
/// An AWS refusal for lack of permission, read from the error wherever it happens, and said in one way: the
/// action, the resource, the iam/ file that grants it and, for EC2's encoded authorization message, how to decode
/// it. Codes: EC2 UnauthorizedOperation (with "Encoded authorization failure message"), S3 and query services
/// AccessDenied, JSON services AccessDeniedException. AWS names action and resource in the message ("User: ARN is
/// not authorized to perform: ACTION on resource: RESOURCE because …"); where it does not, the caller's action is used.
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html
/// </summary>
internal sealed partial record AccessDenial(string Code, string? Action, string? Resource, string? EncodedMessage)
{
    private static readonly string[] Codes = ["UnauthorizedOperation", "Client.UnauthorizedOperation", "AccessDenied", "AccessDeniedException"];

    /// <summary>The denial in <paramref name="e"/>, or null when it is another error.</summary>
    public static AccessDenial? From(AmazonServiceException e, string? action = null)
    {
        if (!Codes.Contains(e.ErrorCode, StringComparer.Ordinal))
        {
            return null;
        }

        var message = e.Message ?? string.Empty;
        var named = NotAuthorized().Match(message);
        var encoded = Encoded().Match(message);
        return new AccessDenial(
            e.ErrorCode!,
            named.Success ? named.Groups["action"].Value : action,
            named.Success ? named.Groups["resource"].Value.Trim('"') : null,
            encoded.Success ? encoded.Groups["message"].Value : null);
    }

    /// <summary>The error as one line: a denial explained (<see cref="Explain"/>), anything else as "CODE: message".</summary>
    public static string Describe(AmazonServiceException e, string? action = null) =>
        From(e, action)?.Explain() ?? $"{e.ErrorCode}: {e.Message}";

    /// <summary>One sentence for a person: what was refused, which file grants it, how to learn more.</summary>
    public string Explain()
    {
        var what = $"AWS refused {Action ?? "a call"}{(Resource is null ? "" : $" on {Resource}")} ({Code})";
        var file = Action is null ? null : IamPolicyCatalog.FileGranting(Action, Resource);
        var grant = file is null
            ? $": the credentials lack the permission (the iam/ files: {string.Join(", ", IamPolicyCatalog.HarnessFiles.Select(f => $"iam/{f}.json"))}; README \"Permissions\")"
            : $": {file} grants it; attach it to the credentials' role or user (README \"Permissions\")";
        var decode = EncodedMessage is null
            ? ""
            : $"; AWS encoded why: aws sts decode-authorization-message --encoded-message {EncodedMessage} --query DecodedMessage --output text";
        return what + grant + decode;
    }

    [GeneratedRegex(@"not authorized to perform: (?<action>[A-Za-z0-9-]+:[A-Za-z0-9]+)(?: on resource: (?<resource>""[^""]*""|\S+))?")]
    private static partial Regex NotAuthorized();

    [GeneratedRegex(@"Encoded authorization failure message: (?<message>[A-Za-z0-9_\-+/=]+)")]
    private static partial Regex Encoded();
}
