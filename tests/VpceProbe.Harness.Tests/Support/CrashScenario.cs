namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// A scenario whose one phase makes four journaled changes (NAT route removed, S3 gateway endpoint, the
/// interface endpoint's security group, the interface endpoint), with a single loopback probe that is
/// answered at once, so a test can kill the harness after each change quickly.
/// </summary>
public static class CrashScenario
{
    public const int Changes = 4;

    /// <param name="expect">The probe's expectation in every phase (a refused loopback port is unreachable at once).</param>
    /// <param name="changedPhaseWaitFor">When set, the changed phase retries its probe this long: time to interrupt it.</param>
    public static string Write(string vpcId, string expect = "unreachable", string? changedPhaseWaitFor = null)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vpceprobe-scenario-").FullName, "crash.yaml");
        File.WriteAllText(path, $"""
            name: crash
            vpc: {vpcId}
            probes:
              - id: closed-port
                kind: tcp
                host: 127.0.0.1
                port: 1
                expect: {expect}
            phases:
              - name: baseline
              - name: changed
                waitFor: {changedPhaseWaitFor ?? "1s"}
                actions:
                  - type: remove-nat-routes
                  - type: create-gateway-endpoint
                    service: s3
                  - type: create-interface-endpoint
                    service: secretsmanager
              - name: cleanup
                actions:
                  - type: cleanup
            """);
        return path;
    }
}
