using VpceProbe.Contract;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VpceProbe.Harness.Scenario;

/// <summary>
/// The YAML parser as the scenario reader sees it: it refuses anchors and aliases (a few lines of aliases
/// expand to billions of nodes for any reader that walks them: the "billion laughs"), nesting deeper than
/// <see cref="InputLimits.MaxDepth"/> (the representation model builds nodes recursively, and a stack
/// overflow cannot be caught), and more than one document, each as a <see cref="YamlException"/> at the
/// offending place. It also remembers where the last event was, for errors that come without a position.
/// </summary>
internal sealed class YamlGuard(IParser inner) : IParser
{
    private int _depth;
    private int _documents;

    public ParsingEvent? Current => inner.Current;

    /// <summary>Where the last event the parser produced started (1-based), or line 1 before the first.</summary>
    public Mark LastGood { get; private set; } = Mark.Empty;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var current = inner.Current!;
        LastGood = current.Start;
        switch (current)
        {
            case AnchorAlias alias:
                throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value} is not allowed: scenarios do not use anchors and aliases; write the value out");
            case NodeEvent { Anchor.IsEmpty: false } node:
                throw new YamlException(node.Start, node.End, $"the anchor &{node.Anchor} is not allowed: scenarios do not use anchors and aliases; write the value out");
            case DocumentStart when ++_documents > 1:
                throw new YamlException(current.Start, current.End, "a second YAML document ('---'): a scenario file holds one document");
            case MappingStart or SequenceStart when ++_depth > InputLimits.MaxDepth:
                throw new YamlException(current.Start, current.End, $"nested deeper than {InputLimits.MaxDepth} levels; a scenario needs four");
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
            default:
                break;
        }

        return true;
    }
}
