using System.Text.RegularExpressions;

namespace VpceProbe.Harness.Tests.Support;

/// <summary>
/// What the corpora of malformed inputs share: one walkthrough VPC in moto for every case (a refused input must leave
/// it as it was, so cases only read it), and what a stack trace looks like in a command's output.
/// </summary>
internal static partial class CorpusVpc
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static WalkthroughVpc? _vpc;

    public static async Task<WalkthroughVpc> GetAsync(AwsEndpoint aws)
    {
        await Lock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _vpc ??= await WalkthroughVpc.CreateAsync(aws);
        }
        finally
        {
            Lock.Release();
        }
    }

    [GeneratedRegex(@"^\s+at \S|Unhandled exception|Exception:", RegexOptions.Multiline)]
    public static partial Regex StackTrace();
}
