using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StatusSite.Reading;

/// <summary>
/// The YAML the binder reads: mappings, lists and scalars, each with its 1-based line in the YAML text.
/// <see cref="SimpleYaml"/> builds it for plain front matter and <see cref="From"/> for everything YamlDotNet loads,
/// so the binder is written once for both.
/// </summary>
internal static class YamlTree
{
    internal abstract record Node(int Line);

    /// <param name="Plain">Written without quotes: only then do an empty value, '~' and 'null' mean no value.</param>
    internal sealed record Scalar(string Value, bool Plain, int Line) : Node(Line);

    internal sealed record Sequence(List<Node> Items, int Line) : Node(Line);

    internal sealed record Mapping(List<Entry> Entries, int Line) : Node(Line);

    /// <param name="Key">The key's text; empty when the key is not a scalar.</param>
    internal sealed record Entry(string Key, int KeyLine, Node Value);

    /// <summary>The tree of a node of YamlDotNet's representation model, whose aliases are already resolved.</summary>
    public static Node From(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new Mapping([.. mapping.Children.Select(c => new Entry((c.Key as YamlScalarNode)?.Value ?? "", LineOf(c.Key), From(c.Value)))], LineOf(mapping)),
        YamlSequenceNode sequence => new Sequence([.. sequence.Children.Select(From)], LineOf(sequence)),
        _ => new Scalar(((YamlScalarNode)node).Value ?? "", ((YamlScalarNode)node).Style == ScalarStyle.Plain, LineOf(node)),
    };

    private static int LineOf(YamlNode node) => (int)node.Start.Line;
}
