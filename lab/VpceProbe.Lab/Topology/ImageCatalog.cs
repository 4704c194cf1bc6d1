using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace VpceProbe.Lab.Topology;

/// <summary>
/// The AMI for a name pattern and architecture (moto serves AWS's current Amazon Linux images, x86_64 and arm64),
/// looked up once per pattern: the instance's architecture in DescribeInstances is its image's.
/// </summary>
internal sealed class ImageCatalog(IAmazonEC2 ec2)
{
    private readonly ConcurrentDictionary<(string Pattern, string Architecture), Task<string>> _images = new();

    public Task<string> ImageIdAsync(string pattern, string architecture, CancellationToken ct) =>
        _images.GetOrAdd((pattern, architecture), key => FindAsync(key.Pattern, key.Architecture, ct));

    private async Task<string> FindAsync(string pattern, string architecture, CancellationToken ct)
    {
        var images = await ec2.DescribeImagesAsync(new DescribeImagesRequest
        {
            Filters = [new Filter("name", [pattern]), new Filter("architecture", [architecture])],
        }, ct).ConfigureAwait(false);
        return images.Images.OrderByDescending(i => i.Name, StringComparer.Ordinal).FirstOrDefault()?.ImageId
            ?? throw new InvalidOperationException($"no {architecture} image matches {pattern}");
    }
}
