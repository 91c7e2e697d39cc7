using System.Text;
using StatusSite.Benchmarks;
using StatusSite.Reading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StatusSite.Tests;

/// <summary>
/// The fast front-matter reader either declines or returns exactly the tree YamlDotNet loads, with the same
/// values, quoting and lines; and it does read the front matter people write, or it would save nothing.
/// </summary>
public sealed class SimpleYamlTests
{
    public static TheoryData<string> PlainFrontMatter => new()
    {
        "title: Elevated API error rates\nseverity: SEV2\ncomponents:\n  api: partial_outage\n  dashboard: degraded_performance\n",
        "title: \"Postmortem: elevated API error rates\"\nincidents: [2026-11-26-api-errors, other.id]\npublished: 2026-11-28T09:00:00Z\n",
        "title: 'Database upgrade'\ncomponents: [api, dashboard]\nscheduled_for: 2026-12-09T02:00:00Z   # CET is +01:00\nscheduled_until: 2026-12-09 04:00 UTC\n",
        "# a comment\n\ntitle: C# and F# # the rest is a comment\nsummary:\npostmortem: ~\ndraft: null\ninternal:\n  commander: \"@oncall\"\n  notes:   \n\n  # indented comment\n  link: https://example.com/a#b?c=d:e\n",
        "title: Errors on [EU] {eu-west-1}, 50% of \"writes\", it's bad\nempty: \"\"\nlist: []\nspaced: [ a b ,  'c, d' ,\"e\" ]\n",
        "policy:\n  update_interval:\n    SEV1: 30m\n    SEV2: 1h\n  stale_after: 3d\nuptime:\n  days: 90\n",
        "title: x\nauthors:\n- Jane Doe\n- \"Platform team\"\nincidents:\n  - a\n  - [b, c]\naction_items:\n  - title: Add an alert\n    type: detect\n    due: 2026-12-15\n  -   title: Split the file\n      owner: Platform team\n",
        "components:\n  - id: api\n    name: Public API\n    tags:\n    - x\n    nested:\n      a: b\n  - id: dashboard\nafter: list\n",
        "policy:\n  update_interval: { SEV1: 30m, SEV2: 60m }\nuptime:\n  weights: {major_outage: 1.0, partial_outage: \"0.3\"}  # shares\n  empty: { }\n",
    };

    [Theory]
    [MemberData(nameof(PlainFrontMatter))]
    public void Plain_front_matter_is_read_as_YamlDotNet_reads_it(string yaml) =>
        Assert.Equal(YamlDotNetTree(yaml), Dump(Assert.IsType<YamlTree.Mapping>(SimpleYaml.TryRead(yaml))));

    [Fact]
    public void Every_generated_front_matter_and_site_yml_is_read_here()
    {
        var root = Path.Combine(Path.GetTempPath(), "statussite-simpleyaml-" + Guid.NewGuid().ToString("N"));
        try
        {
            CorpusGenerator.Write(root, 200);
            var files = Directory.GetFiles(root, "*.md", SearchOption.AllDirectories).Append(Path.Combine(root, "site.yml"));
            foreach (var file in files)
            {
                var text = File.ReadAllText(file);
                var yaml = file.EndsWith(".md", StringComparison.Ordinal) ? text.Split("---\n")[1] : text;
                Assert.Equal(YamlDotNetTree(yaml), Dump(SimpleYaml.TryRead(yaml) ?? throw new InvalidOperationException(file + " was declined")));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static TheoryData<string> Declined => new()
    {
        "title: One\ntitle: Two\n",
        "title: a\n\tb: c\n",
        "title: a: b\n",
        "title: ends with a colon:\n",
        "title: \"unclosed\n",
        "title: \"with \\\" escape\"\n",
        "title: 'it''s'\n",
        "title: first line\n  second line\n",
        "a:\n    b: 1\n  c: 2\n",
        "a:\n  b: 1\n    c: 2\n",
        "  title: indented root\n",
        "title: x\n---\nother: y\n",
        "- item\n",
        "list:\n-\n  a: b\n",
        "list:\n- a\n  b\n",
        "list:\n  - a\n  b: c\n",
        "list:\n  - a: 1\n    - b\n",
        "a: &anchor x\nb: *anchor\n",
        "a: !!str 5\n",
        "a: |\n  literal\n",
        "a: {b: c, b: d}\n",
        "a: {b: [c]}\n",
        "a: [b,\n  c]\n",
        "a: [b, c,]\n",
        "a: [b] c\n",
        "a: \"b\"c\n",
        "a:b\n",
        "a :b\n",
        "\"quoted key\": x\n",
        "-k: x\n",
        "a: -x\n",
        "a: @x\n",
        "a: x\r\nb: y\n",
        "a: x\u0085y\n",
        "a: \uFEFFx\n",
        "a: \U0001F600\n",
        "",
        "# only a comment\n",
        "just text\n",
    };

    [Theory]
    [MemberData(nameof(Declined))]
    public void Other_YAML_and_every_mistake_are_left_to_YamlDotNet(string yaml) =>
        Assert.Null(SimpleYaml.TryRead(yaml));

    /// <summary>Random blocks of keys and values, each choice now and then replaced by a mistake or by other YAML.</summary>
    [Fact]
    public void Random_documents_are_declined_or_read_as_YamlDotNet_reads_them()
    {
        var random = new Random(20261127);
        var read = 0;
        for (var n = 0; n < 30000; n++)
        {
            var text = new StringBuilder();
            WriteBlock(text, random, 0, depth: 0);
            var yaml = text.ToString();
            if (SimpleYaml.TryRead(yaml) is { } tree)
            {
                read++;
                Assert.Equal(YamlDotNetTree(yaml), Dump(tree));
            }
        }

        // Enough documents are read here for the comparison to mean something.
        Assert.True(read > 3000, $"only {read} documents were read");
    }

    private static readonly string[] Keys = ["title", "a", "b-c", "x.y", "_k", "SEV1", "9"];
    private static readonly string[] OddKeys = ["-k", ".k", "\"q\"", "'q'", "a b", "? a", "- a", "a:b", "a#b", "é"];
    private static readonly string[] Separators = [": ", ":", ":  ", " : ", ":\t", "::", ":#", ": #c"];
    private static readonly string[] Values =
    [
        "x", "Elevated API errors", "2026-11-26T10:42:00Z", "~", "null", "\"q\"", "\"\"", "'s'", "''", "[a, b]", "[]", "[ ]", "[a,b]", "[a, \"b, c\"]",
        "a # c", "a#b", "C#", "x:y", "x   ", "a  b", "https://x.example/a?b=c#d", "\"a\" # c", "'a' # c", "50% [EU] {x}, \"y\" it's",
        "{ SEV1: 30m, SEV2: 60m }", "{a: 1.0, b: 0.3}", "{}", "{ }", "{ a: \"x, y\", b: 'z' } # c",
    ];
    private static readonly string[] OddValues =
    [
        "'it''s'", "\"a\\\"b\"", "[a,]", "[a", "[a] b", "[a]#c", "[a:b]", "[a # c]", "[a, [b]]", "[a, {b}]", "[-a]", "[a, ]", "{a: b}", "a: b", "a:",
        "&a x", "*a", "!!str x", "|", ">", "- x", "-x", "?x", ":x", "@x", "`x", "%x", ",x", "é ü", "\U0001F600", "x\u0085y", "x\ry", "\"unclosed", "'unclosed",
        "\"a\"#c", "\"a\" b", "{", "}", "]",
        "{a:1}", "{ a: }", "{ a: 1, }", "{ a: 1, a: 2 }", "{ a: [b] }", "{ a: {b: c} }", "{ a: b c: d }", "{ a: 1 } x", "{ a: 1 }#c", "{ a: 1", "{ a: b] }", "{ a: 'b'c }", "{ -a: 1 }", "{ a b: 1 }", "{ a: x:y }",
    ];
    private static readonly string[] OddLines = ["", "# comment", "  # indented comment", "---", "...", "%YAML 1.2", "- item", "  - item", "plain text", "\t", "   "];

    private static string Pick(Random random, string[] usual, string[] odd) =>
        random.Next(10) == 0 ? odd[random.Next(odd.Length)] : usual[random.Next(usual.Length)];

    private static readonly string[] OddItems = ["-", "- ", "-x", "- - a", "- # c", "-\ta", "- ? a", "- a: b: c", "- &a x"];

    /// <summary>Writes 'key: value' lines at <paramref name="indent"/>; after a '- ', the first key follows it on the same line.</summary>
    private static void WriteBlock(StringBuilder text, Random random, int indent, int depth, bool afterDash = false)
    {
        for (var i = random.Next(1, 5); i > 0; i--, afterDash = false)
        {
            if (!afterDash && random.Next(12) == 0)
            {
                text.Append(OddLines[random.Next(OddLines.Length)]).Append('\n');
            }

            if (!afterDash)
            {
                text.Append(' ', random.Next(15) == 0 ? Math.Max(0, indent + random.Next(-2, 3)) : indent);
            }

            text.Append(Pick(random, Keys, OddKeys));
            var kind = depth < 2 ? random.Next(6) : 5;
            if (kind < 2)
            {
                text.Append(random.Next(8) == 0 ? ": # c" : ":").Append('\n');
                WriteBlock(text, random, indent + (random.Next(3) == 0 ? 4 : 2), depth + 1);
            }
            else if (kind < 4)
            {
                text.Append(':').Append('\n');
                WriteList(text, random, indent + (random.Next(2) == 0 ? 0 : 2), depth + 1);
            }
            else
            {
                text.Append(random.Next(10) == 0 ? Separators[random.Next(Separators.Length)] : ": ").Append(Pick(random, Values, OddValues)).Append('\n');
            }
        }
    }

    /// <summary>Writes '- item' lines at <paramref name="indent"/>: values, or blocks whose first key follows the '- '.</summary>
    private static void WriteList(StringBuilder text, Random random, int indent, int depth)
    {
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            text.Append(' ', random.Next(15) == 0 ? Math.Max(0, indent + random.Next(-2, 3)) : indent);
            if (random.Next(12) == 0)
            {
                text.Append(OddItems[random.Next(OddItems.Length)]).Append('\n');
            }
            else if (random.Next(2) == 0)
            {
                text.Append("- ").Append(Pick(random, Values, OddValues)).Append('\n');
            }
            else
            {
                text.Append("- ");
                WriteBlock(text, random, indent + 2, depth, afterDash: true);
            }
        }
    }

    private static string YamlDotNetTree(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return "YamlDotNet refuses it: " + e.Message;
        }

        return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root ? Dump(YamlTree.From(root)) : "not one mapping";
    }

    private static string Dump(YamlTree.Node node) => node switch
    {
        YamlTree.Mapping m => $"{{@{m.Line} " + string.Join(", ", m.Entries.Select(e => $"{Quote(e.Key)}@{e.KeyLine}: {Dump(e.Value)}")) + "}",
        YamlTree.Sequence s => $"[@{s.Line} " + string.Join(", ", s.Items.Select(Dump)) + "]",
        YamlTree.Scalar s => $"{(s.Plain ? "plain" : "quoted")} {Quote(s.Value)}@{s.Line}",
        _ => throw new ArgumentException(node.GetType().Name),
    };

    private static string Quote(string text) => "«" + text + "»";
}
