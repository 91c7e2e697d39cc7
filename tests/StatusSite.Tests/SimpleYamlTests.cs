using System.Text;
using StatusSite.Benchmarks;
using StatusSite.Content;
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
    };

    [Theory]
    [MemberData(nameof(PlainFrontMatter))]
    public void Plain_front_matter_is_read_as_YamlDotNet_reads_it(string yaml) =>
        Assert.Equal(YamlDotNetTree(yaml), Dump(Assert.IsType<YamlTree.Mapping>(SimpleYaml.TryRead(yaml))));

    [Fact]
    public void Every_generated_incident_and_maintenance_front_matter_is_read_here()
    {
        var root = Path.Combine(Path.GetTempPath(), "statussite-simpleyaml-" + Guid.NewGuid().ToString("N"));
        try
        {
            CorpusGenerator.Write(root, 200);
            var files = Directory.GetFiles(Path.Combine(root, "incidents"), "*.md", SearchOption.AllDirectories).Concat(Directory.GetFiles(Path.Combine(root, "maintenance")));
            foreach (var file in files)
            {
                var yaml = File.ReadAllText(file).Split("---\n")[1];
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
        "list:\n- a\n- b\n",
        "list:\n  - a\n",
        "a: &anchor x\nb: *anchor\n",
        "a: !!str 5\n",
        "a: |\n  literal\n",
        "a: {b: c}\n",
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
        for (var n = 0; n < 20000; n++)
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
        Assert.True(read > 2000, $"only {read} documents were read");
    }

    private static readonly string[] Keys = ["title", "a", "b-c", "x.y", "_k", "SEV1", "9"];
    private static readonly string[] OddKeys = ["-k", ".k", "\"q\"", "'q'", "a b", "? a", "- a", "a:b", "a#b", "é"];
    private static readonly string[] Separators = [": ", ":", ":  ", " : ", ":\t", "::", ":#", ": #c"];
    private static readonly string[] Values =
    [
        "x", "Elevated API errors", "2026-11-26T10:42:00Z", "~", "null", "\"q\"", "\"\"", "'s'", "''", "[a, b]", "[]", "[ ]", "[a,b]", "[a, \"b, c\"]",
        "a # c", "a#b", "C#", "x:y", "x   ", "a  b", "https://x.example/a?b=c#d", "\"a\" # c", "'a' # c", "50% [EU] {x}, \"y\" it's",
    ];
    private static readonly string[] OddValues =
    [
        "'it''s'", "\"a\\\"b\"", "[a,]", "[a", "[a] b", "[a]#c", "[a:b]", "[a # c]", "[a, [b]]", "[a, {b}]", "[-a]", "[a, ]", "{a: b}", "a: b", "a:",
        "&a x", "*a", "!!str x", "|", ">", "- x", "-x", "?x", ":x", "@x", "`x", "%x", ",x", "é ü", "\U0001F600", "x\u0085y", "x\ry", "\"unclosed", "'unclosed",
        "\"a\"#c", "\"a\" b", "{", "}", "]",
    ];
    private static readonly string[] OddLines = ["", "# comment", "  # indented comment", "---", "...", "%YAML 1.2", "- item", "  - item", "plain text", "\t", "   "];

    private static string Pick(Random random, string[] usual, string[] odd) =>
        random.Next(10) == 0 ? odd[random.Next(odd.Length)] : usual[random.Next(usual.Length)];

    private static void WriteBlock(StringBuilder text, Random random, int indent, int depth)
    {
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            if (random.Next(12) == 0)
            {
                text.Append(OddLines[random.Next(OddLines.Length)]).Append('\n');
            }

            var lineIndent = random.Next(15) == 0 ? Math.Max(0, indent + random.Next(-2, 3)) : indent;
            text.Append(' ', lineIndent).Append(Pick(random, Keys, OddKeys));
            if (depth < 2 && random.Next(4) == 0)
            {
                text.Append(random.Next(8) == 0 ? ": # c" : ":").Append('\n');
                WriteBlock(text, random, indent + (random.Next(3) == 0 ? 4 : 2), depth + 1);
            }
            else
            {
                text.Append(random.Next(10) == 0 ? Separators[random.Next(Separators.Length)] : ": ").Append(Pick(random, Values, OddValues)).Append('\n');
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
