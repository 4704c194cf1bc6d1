using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Tests.DataPlane;

/// <summary>A failed batch says which of its lines failed, on the first line of the message (the one a log keeps).</summary>
public class CommandsTests
{
    [Fact]
    public async Task a_failed_batch_names_the_line_it_stopped_at_on_the_first_line_of_its_message()
    {
        // Speaks as `ip -batch` does when its second command fails, without touching any network setting.
        string[] batch = ["sh", "-c", "cat >/dev/null; echo 'RTNETLINK answers: File exists' >&2; echo 'Command failed -:2' >&2; exit 1"];

        var failure = await Assert.ThrowsAsync<LabCommandException>(() =>
            Commands.MustAsync(batch, "link add a type dummy\nlink add b type dummy\nlink set b up\n", TestContext.Current.CancellationToken));

        Assert.Equal("`sh -c cat >/dev/null; echo 'RTNETLINK answers: File exists' >&2; echo 'Command failed -:2' >&2; exit 1` failed (1) (at `link add b type dummy`): RTNETLINK answers: File exists",
            failure.Message.Split('\n')[0]);
    }

    [Fact]
    public async Task a_failure_that_names_no_line_keeps_its_message_as_it_was()
    {
        var failure = await Assert.ThrowsAsync<LabCommandException>(() =>
            Commands.MustAsync(["sh", "-c", "echo 'Cannot find device' >&2; exit 1"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith("`sh -c echo 'Cannot find device' >&2; exit 1` failed (1): Cannot find device", failure.Message, StringComparison.Ordinal);
    }
}
