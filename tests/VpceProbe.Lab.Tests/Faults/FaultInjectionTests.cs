using System.Net;
using System.Net.Http.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.S3;
using VpceProbe.Lab.Faults;
using VpceProbe.Lab.Gateway;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.Faults;

public class FaultInjectionTests(SharedMoto moto)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestGateway> GatewayAsync(FaultSettings faults, TimeProvider? time = null) =>
        TestGateway.StartAsync(moto.Server, GatewayOptions.Default with { Faults = faults }, time);

    [Fact]
    public async Task throttling_at_rate_one_answers_each_service_with_its_own_throttling_error()
    {
        await using var gateway = await GatewayAsync(new FaultSettings(TimeSpan.Zero, 1, 0, []));
        using var ec2 = gateway.Ec2();
        using var s3 = gateway.S3();

        var ec2Error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest(), Ct));
        var s3Error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(Ct));

        Assert.Equal("RequestLimitExceeded", ec2Error.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ec2Error.StatusCode);
        Assert.Equal("SlowDown", s3Error.ErrorCode);
    }

    [Fact]
    public async Task server_errors_at_rate_one_are_500_internal_errors()
    {
        await using var gateway = await GatewayAsync(new FaultSettings(TimeSpan.Zero, 0, 1, []));
        using var ec2 = gateway.Ec2();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest(), Ct));

        Assert.Equal("InternalError", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task a_call_told_to_fail_once_fails_exactly_once()
    {
        await using var gateway = await GatewayAsync(FaultSettings.Parse("fail-once=DescribeVpcs"));
        using var ec2 = gateway.Ec2();

        await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest(), Ct));
        var second = await ec2.DescribeVpcsAsync(new DescribeVpcsRequest(), Ct);
        var other = await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest(), Ct);

        Assert.Equal(HttpStatusCode.OK, second.HttpStatusCode);
        Assert.Equal(HttpStatusCode.OK, other.HttpStatusCode);
    }

    [Fact]
    public async Task latency_holds_every_call_for_the_given_time()
    {
        var time = TestGateway.FakeTime();
        await using var gateway = await GatewayAsync(FaultSettings.Parse("latency=5s"), time);
        using var ec2 = gateway.Ec2();

        var call = ec2.DescribeVpcsAsync(new DescribeVpcsRequest(), Ct);
        await Task.Delay(300, Ct);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, (await call).HttpStatusCode);
    }

    [Fact]
    public async Task the_control_api_sets_reads_and_clears_faults()
    {
        await using var gateway = await GatewayAsync(FaultSettings.None);
        using var http = new HttpClient { BaseAddress = gateway.Url };
        using var ec2 = gateway.Ec2();

        using var put = await http.PutAsJsonAsync("/_lab/faults", new { latencyMs = 0, throttleRate = 0, serverErrorRate = 0, failOnce = new[] { "DescribeSubnets" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains("DescribeSubnets", await http.GetStringAsync("/_lab/faults", Ct));
        await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest(), Ct));

        using var failOnce = await http.PostAsync("/_lab/faults/fail-once/DescribeVpcs", null, Ct);
        Assert.Contains("DescribeVpcs", await failOnce.Content.ReadAsStringAsync(Ct));
        using var cleared = await http.DeleteAsync("/_lab/faults", Ct);
        Assert.Equal(HttpStatusCode.OK, (await ec2.DescribeVpcsAsync(new DescribeVpcsRequest(), Ct)).HttpStatusCode);

        using var bad = await http.PutAsJsonAsync("/_lab/faults", new { latencyMs = 0, throttleRate = 2, serverErrorRate = 0 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"pingStatus\"", await http.GetStringAsync("/_lab/status", Ct));
    }
}
