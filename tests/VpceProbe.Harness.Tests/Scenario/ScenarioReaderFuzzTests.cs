using CsCheck;
using VpceProbe.Harness.Scenario;
using VpceProbe.Testing;

namespace VpceProbe.Harness.Tests.Scenario;

/// <summary>
/// The scenario reader on randomly damaged scenarios, for a bounded time: every input is read or refused
/// with a <see cref="ScenarioException"/> that locates each error; any other exception fails the test
/// (and its input joins Corpus/).
/// </summary>
public class ScenarioReaderFuzzTests
{
    private const string Valid = """
        name: fuzz
        region: us-east-1
        deadline: 30s
        vpcCidrs: [10.0.0.0/16]
        targets:
          instances: [i-0123456789abcdef0]
        probes:
          - id: egress
            kind: tcp
            host: 127.0.0.1
            port: 9
            timeout: 2s
          - {id: bucket, kind: s3, bucket: data}
        phases:
          - name: before
            expect:
              egress: unreachable
              bucket: allowed
          - name: after
            waitFor: 5s
            actions:
              - type: create-interface-endpoint
                service: secretsmanager
                policy: '{"Statement": []}'
              - type: cleanup
                keep: true
            expect: {egress: unreachable}
        """;

    [Fact]
    public void a_damaged_scenario_is_read_or_refused_with_located_errors_never_crashes() =>
        FuzzInputs.Mutations(Valid).Sample(bytes =>
        {
            try
            {
                ScenarioReader.Read(bytes, "fuzz.yaml", Path.GetTempPath());
            }
            catch (ScenarioException e)
            {
                Assert.NotEmpty(e.Errors);
                Assert.All(e.Errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
            }
        }, time: FuzzInputs.Seconds, threads: 1, print: FuzzInputs.Show);
}
