using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace VpceProbe.Agent.Aws;

/// <summary>
/// Secrets Manager's GetSecretValue over AWS JSON 1.1, signed with AWSSDK.Core's SigV4SigningHandler
/// (AWSSDK.SecretsManager is not available to this build). The answer is read once, field by field: the
/// secret's characters are counted, never turned into a string, and the buffer holding them is zeroed.
/// </summary>
internal sealed class SecretsManagerClient : ISecretsManagerClient
{
    private const string SigningName = "secretsmanager";
    private const string TargetPrefix = "secretsmanager";
    private readonly HttpClient _http;
    private readonly AwsJsonClient _json;

    public SecretsManagerClient(AWSCredentials credentials, RegionEndpoint region, Uri endpoint, HttpMessageHandler transport)
    {
        _http = new HttpClient(new SigV4SigningHandler(credentials, region, SigningName, transport)) { Timeout = Timeout.InfiniteTimeSpan };
        _json = new AwsJsonClient(_http, endpoint, TargetPrefix);
    }

    /// <summary>The JSON 1.1 caller, for other Secrets Manager operations (tests seed secrets with CreateSecret).</summary>
    public AwsJsonClient Json => _json;

    public async Task<SecretVersion> GetSecretValueAsync(string secretId, CancellationToken cancellationToken)
    {
        var body = await _json.CallAsync("GetSecretValue", Request(secretId), cancellationToken).ConfigureAwait(false);
        try
        {
            return Read(body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
        }
    }

    private static byte[] Request(string secretId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("SecretId", secretId);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static SecretVersion Read(byte[] body)
    {
        string? arn = null, name = null, versionId = null;
        var stages = new List<string>();
        var length = 0;
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "ARN": arn = reader.GetString(); break;
                case "Name": name = reader.GetString(); break;
                case "VersionId": versionId = reader.GetString(); break;
                case "VersionStages":
                    while (reader.Read() && reader.TokenType == JsonTokenType.String)
                    {
                        stages.Add(reader.GetString()!);
                    }

                    break;
                case "SecretString": length = CountChars(ref reader); break;
                case "SecretBinary": length = Base64DecodedLength(reader.ValueSpan); break;
                default: reader.Skip(); break;
            }
        }

        return new SecretVersion(arn, name, versionId, stages, length);
    }

    // UTF-16 length of the JSON string without materialising it; escaped text is unescaped into a buffer that is cleared.
    private static int CountChars(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Encoding.UTF8.GetCharCount(reader.ValueSpan);
        }

        var chars = ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            return reader.CopyString(chars);
        }
        finally
        {
            chars.AsSpan().Clear();
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    // SecretBinary arrives base64-encoded; its byte length follows from the text length and the padding.
    private static int Base64DecodedLength(ReadOnlySpan<byte> base64)
    {
        var padding = base64.EndsWith("=="u8) ? 2 : base64.EndsWith("="u8) ? 1 : 0;
        return (base64.Length / 4 * 3) - padding;
    }

    public void Dispose() => _http.Dispose();
}
