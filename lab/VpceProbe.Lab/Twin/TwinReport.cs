namespace VpceProbe.Lab.Twin;

/// <summary>One real resource or setting the twin does not have, and why.</summary>
internal sealed record LeftOut(string SourceId, string What, string Why)
{
    public override string ToString() => $"{SourceId}: {What} ({Why})";
}

/// <summary>A change the twin made to stay valid or within its bounds, that loses nothing a topology can say.</summary>
internal sealed record TwinNote(string SourceId, string Text)
{
    public override string ToString() => $"{SourceId}: {Text}";
}

/// <summary>What the conversion could not express (never dropped silently) and what it adjusted; written on stderr.</summary>
internal sealed class TwinReport
{
    private readonly List<LeftOut> _leftOut = [];
    private readonly List<TwinNote> _notes = [];

    public IReadOnlyList<LeftOut> LeftOut => _leftOut;

    public IReadOnlyList<TwinNote> Notes => _notes;

    internal void Leave(string sourceId, string what, string why) => _leftOut.Add(new LeftOut(sourceId, what, why));

    internal void Note(string sourceId, string text) => _notes.Add(new TwinNote(sourceId, text));

    public void Write(TextWriter writer)
    {
        if (_leftOut.Count > 0)
        {
            writer.WriteLine($"left out of the twin ({_leftOut.Count}; the lab cannot express them):");
            _leftOut.ForEach(l => writer.WriteLine($"  - {l}"));
        }

        if (_notes.Count > 0)
        {
            writer.WriteLine($"adjusted in the twin ({_notes.Count}):");
            _notes.ForEach(n => writer.WriteLine($"  - {n}"));
        }
    }
}
