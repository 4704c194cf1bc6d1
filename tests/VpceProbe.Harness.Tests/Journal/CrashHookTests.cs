using VpceProbe.Harness.Journal;

namespace VpceProbe.Harness.Tests.Journal;

public class CrashHookTests
{
    [Fact]
    public void the_hook_fires_exactly_at_the_nth_change()
    {
        var hook = new CrashHook("3");
        Assert.Equal([false, false, true, false], Enumerable.Range(0, 4).Select(_ => hook.Count()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("soon")]
    public void without_a_positive_number_the_hook_never_fires(string? value)
    {
        var hook = new CrashHook(value);
        Assert.DoesNotContain(true, Enumerable.Range(0, 5).Select(_ => hook.Count()));
    }
}
