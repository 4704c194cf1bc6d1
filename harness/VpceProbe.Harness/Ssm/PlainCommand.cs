namespace VpceProbe.Harness.Ssm;

/// <summary>
/// One plain command line for AWS-RunShellScript: a program and its arguments, no shell operators
/// (no &amp;&amp;, ||, ;, |, &gt;, backgrounding, substitutions). LocalStack runs only the first command of a
/// SendCommand and no operators at all, so every step the harness sends is one of these; AWS and the lab
/// run them through /bin/sh, where single quotes keep a presigned URL's '&amp;' from being read as one.
/// </summary>
internal sealed record PlainCommand
{
    // Characters a shell reads literally outside quotes.
    private const string Safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=+:,@%";

    private PlainCommand(string text) => Text = text;

    public string Text { get; }

    public static PlainCommand Of(string program, params IEnumerable<string> arguments)
    {
        var words = new[] { program }.Concat(arguments).ToList();
        foreach (var word in words)
        {
            if (word.Length == 0 || word.Contains('\'', StringComparison.Ordinal) || word.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{word}' cannot be passed in a plain command (empty, a single quote or a newline)", nameof(arguments));
            }
        }

        return new PlainCommand(string.Join(' ', words.Select(Quote)));
    }

    public override string ToString() => Text;

    private static string Quote(string word) => word.All(Safe.Contains) ? word : $"'{word}'";
}
