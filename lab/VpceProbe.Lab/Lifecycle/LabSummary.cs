namespace VpceProbe.Lab.Lifecycle;

/// <summary>What `lab up` and `lab status` print: where the lab answers, what it holds, and how to point the harness at it.</summary>
internal static class LabSummary
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

            if (seeded.FromSources().ToList() is { Count: > 0 } twinned)
            {
                output.WriteLine();
                output.WriteLine("Real ids → lab ids:");
                foreach (var resource in twinned)
                {
                    output.WriteLine($"  {resource.SourceId,-24} → {resource.Id}   ({resource.Kind} {resource.Name})");
                }
            }
        }

        output.WriteLine();
        output.WriteLine("Point the harness (or the AWS CLI) at it:");
        output.WriteLine($"  export AWS_ENDPOINT_URL={record.GatewayUrl} AWS_REGION={region} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing");
        output.WriteLine($"  vpceprobe run walkthrough --endpoint-url {record.GatewayUrl} --region {region} --staging-bucket BUCKET --yes   (BUCKET: a lab bucket for the agent)");
        output.WriteLine($"Inside the private instance: ip netns exec vpl-{record.Name}-<instance-id> curl -s http://google.com");
        output.WriteLine($"Stop it: vpceprobe lab down --name {record.Name}");
    }

    public static string RegionOf(LabRecord record) =>
        LabTopologyFile.Load(new DataPlane.LabNames(record.Name), record).Region;
}
