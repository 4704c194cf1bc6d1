using VpceProbe.Harness.Ssm;

namespace VpceProbe.Harness.Tests.Ssm;

public class PlainCommandTests
{
    [Fact]
    public void words_a_shell_reads_literally_stay_bare()
    {
        Assert.Equal("mkdir -p /var/lib/vpceprobe/agent/ab12", PlainCommand.Of("mkdir", "-p", "/var/lib/vpceprobe/agent/ab12").Text);
    }

    [Fact]
    public void a_presigned_url_is_single_quoted_so_its_ampersands_are_not_operators()
    {
        var text = PlainCommand.Of("curl", "--output", "/tmp/a", "https://b.s3.us-east-1.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=1800").Text;
        Assert.Equal("curl --output /tmp/a 'https://b.s3.us-east-1.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=1800'", text);
    }

    [Theory]
    [InlineData("it's")]
    [InlineData("two\nlines")]
    [InlineData("")]
    public void a_word_that_cannot_be_quoted_plainly_is_refused(string word)
    {
        Assert.Throws<ArgumentException>(() => PlainCommand.Of("echo", word));
    }
}
