using VpceProbe.Lab.Faults;

namespace VpceProbe.Lab.Tests.Faults;

public class FaultSettingsTests
{
    [Fact]
    public void a_full_spec_parses_into_every_fault()
    {
        var settings = FaultSettings.Parse("latency=1.5s, throttle=0.25, 5xx=0.1, fail-once=SendCommand+GetObject");

        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.Latency);
        Assert.Equal(0.25, settings.ThrottleRate);
        Assert.Equal(0.1, settings.ServerErrorRate);
        Assert.Equal(["SendCommand", "GetObject"], settings.FailOnce);
    }

    [Fact]
    public void latency_in_milliseconds_is_accepted()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(200), FaultSettings.Parse("latency=200ms").Latency);
    }

    [Fact]
    public void hold_pending_is_off_unless_named()
    {
        Assert.True(FaultSettings.Parse("hold-pending,latency=1ms").HoldPending);
        Assert.False(FaultSettings.Parse("latency=1ms").HoldPending);
    }

    [Theory]
    [InlineData("hold-pending=5s")]
    [InlineData("throttle=1.5")]
    [InlineData("5xx=-0.1")]
    [InlineData("latency=soon")]
    [InlineData("explode=1")]
    public void bad_specs_are_refused_before_anything_starts(string spec)
    {
        Assert.Throws<FormatException>(() => FaultSettings.Parse(spec));
    }
}
