using CsCheck;
using VpceProbe.Testing;

namespace VpceProbe.Contract.Tests;

/// <summary>
/// The plan reader on randomly damaged plans, for a bounded time: it returns a result for every input, and
/// a refusal always comes with errors in words (never an exception, never an empty message).
/// </summary>
public class PlanReaderFuzzTests
{
    private const string Valid = """
        {"schemaVersion": 1, "deadline": "10s", "region": "us-east-1", "vpcCidrs": ["10.0.0.0/16"],
         "endpoints": {"s3": "http://127.0.0.1:5000"},
         "probes": [
           {"id": "egress", "kind": "tcp", "host": "127.0.0.1", "port": 9, "expect": "unreachable", "timeout": "2s"},
           {"id": "dns", "kind": "dns", "name": "example.com", "nameserver": "127.0.0.1:53", "expect": "private", "waitFor": "5s"},
           {"id": "web", "kind": "http", "url": "http://127.0.0.1/", "expect": "200"}
         ]}
        """;

    [Fact]
    public void a_damaged_plan_is_read_or_refused_with_words_never_thrown() =>
        FuzzInputs.Mutations(Valid).Sample(bytes =>
        {
            var result = PlanReader.FromUtf8(bytes);
            Assert.True(
                result.IsValid || (result.Errors.Count > 0 && result.Errors.All(e => e.Message.Length > 0 && e.Field.Length > 0)),
                string.Join('\n', result.Errors));
        }, time: FuzzInputs.Seconds, threads: 1, print: FuzzInputs.Show);
}
