using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>What `lab up` and `lab status` print: where the lab answers, what it holds, and how to point the harness at it.</summary>
public static class LabSummary
{
    public static void Write(TextWriter output, LabRecord record, string region)
    {
        output.WriteLine($"lab {record.Name} ({record.Topology}) is up: AWS endpoint {record.GatewayUrl}");
        if (record.Seeded is { } seeded)
        {
            foreach (var resource in seeded.Resources)
            {
                output.WriteLine($"  {resource.Kind,-17} {resource.Name,-28} {resource.Id}");
            }
        }

        output.WriteLine();
        output.WriteLine("Point the harness (or the AWS CLI) at it:");
        output.WriteLine($"  export AWS_ENDPOINT_URL={record.GatewayUrl} AWS_REGION={region} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing");
        output.WriteLine($"  vpceprobe run walkthrough --endpoint-url {record.GatewayUrl} --region {region} --staging-bucket BUCKET --yes   (BUCKET: a lab bucket for the agent)");
        output.WriteLine($"Inside the private instance: ip netns exec vpl-{record.Name}-<instance-id> curl -s http://google.com");
        output.WriteLine($"Stop it: vpceprobe lab down --name {record.Name}");
    }

    public static string RegionOf(LabRecord record) => LabTopology.Load(record.Topology).Region;
}
