using System.Text.RegularExpressions;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Analysis;

/// <summary>A blameless-language rule: a stable id, its level, what it matches and the one-line suggestion.</summary>
public sealed record LintRule(string Id, DiagnosticLevel Level, string Finding, string Suggestion);

/// <summary>
/// Lints a postmortem for blameless language, section by section over the Markdig syntax tree, and checks that a
/// SEV1/SEV2 postmortem has the sections a reader needs. A line <c>&lt;!-- blameless-ignore: reason --&gt;</c>
/// silences the block that follows it; the reason is required so a reviewer can judge it.
/// </summary>
public static partial class BlamelessLinter
{
    public static readonly LintRule HumanError = new("human-error", DiagnosticLevel.Error,
        "'{0}' blames a person and ends the inquiry",
        "describe what in the system made the action possible and its outcome likely");

    public static readonly LintRule CharacterJudgement = new("character-judgement", DiagnosticLevel.Error,
        "'{0}' judges a person's character",
        "describe what the person saw, knew and was asked to do at that moment");

    public static readonly LintRule PersonNamed = new("person-named", DiagnosticLevel.Error,
        "'{0}' names a person in {1}",
        "name the role or team (the on-call engineer, the Database team); people may be named only in the timeline, by role");

    public static readonly LintRule Counterfactual = new("counterfactual", DiagnosticLevel.Warning,
        "'{0}' describes what did not happen",
        "describe what did happen and why it made sense at the time");

    public static readonly LintRule Hindsight = new("hindsight", DiagnosticLevel.Warning,
        "'{0}' is hindsight: it was not obvious or simple at the time",
        "remove the word, or explain what made it hard to see then");

    public static readonly LintRule VagueActionItem = new("vague-action", DiagnosticLevel.Warning,
        "the action item '{0}' is too vague to be done or checked",
        "name the concrete change and how we will know it is done, such as 'Page on queue age over 2 minutes'");

    public static readonly LintRule SingleRootCause = new("single-root-cause", DiagnosticLevel.Info,
        "'{0}' suggests a single cause; failures rarely have one",
        "write 'root cause and contributing factors', and list the conditions that had to combine");

    public static readonly LintRule MissingSection = new("missing-section", DiagnosticLevel.Error,
        "a {0} postmortem needs {1}",
        "add it before the postmortem is published");

    public static readonly LintRule SuppressionWithoutReason = new("ignore-without-reason", DiagnosticLevel.Warning,
        "this blameless-ignore has no reason, so it silences nothing",
        "write '<!-- blameless-ignore: why this wording is right here -->'");

    /// <summary>Every rule, for the README and for tools that list them.</summary>
    public static IReadOnlyList<LintRule> Rules { get; } =
        [HumanError, CharacterJudgement, PersonNamed, Counterfactual, Hindsight, VagueActionItem, SingleRootCause, MissingSection, SuppressionWithoutReason];

    private enum SectionKind
    {
        Other,
        Summary,
        Impact,
        Timeline,
        RootCause,
        FiveWhys,
    }

    /// <summary>Lints one postmortem; <paramref name="severity"/> is its worst incident's, null when its incidents are unknown.</summary>
    public static void Lint(Postmortem postmortem, Severity? severity, DiagnosticBag diagnostics)
    {
        var path = postmortem.SourcePath;
        var document = postmortem.Document;
        var fileLines = postmortem.Text.Split('\n');
        var section = SectionKind.Other;
        var seen = new HashSet<SectionKind>();
        var suppressNext = false;
        foreach (var block in document)
        {
            if (block is YamlFrontMatterBlock)
            {
                continue;
            }

            if (block is HeadingBlock { Level: 2 } heading)
            {
                section = Classify(fileLines[heading.Line].Trim().Trim('#').Trim());
                seen.Add(section);
                suppressNext = false;
                continue;
            }

            if (block is HtmlBlock html)
            {
                var text = html.Lines.ToString();
                var match = Suppression().Match(text);
                if (match.Success)
                {
                    suppressNext = match.Groups["reason"].Value.Trim().Length > 0;
                    if (!suppressNext)
                    {
                        Report(diagnostics, SuppressionWithoutReason, path, html.Line + 1);
                    }
                }

                continue;
            }

            if (suppressNext)
            {
                suppressNext = false;
                continue;
            }

            foreach (var leaf in LeavesOf(block))
            {
                // Markdig releases a leaf's lines after inline parsing; its span into the source remains.
                var text = leaf.Span.Length > 0 ? postmortem.Text.Substring(leaf.Span.Start, leaf.Span.Length) : "";
                CheckText(text, leaf.Line + 1, section, path, diagnostics);
            }
        }

        CheckText(postmortem.Summary, postmortem.Lines.Summary, SectionKind.Summary, path, diagnostics);
        foreach (var author in postmortem.Authors)
        {
            CheckPerson(author, postmortem.Lines.Authors, "the authors", path, diagnostics);
        }

        foreach (var item in postmortem.ActionItems)
        {
            CheckText(item.Title, item.TitleLine, SectionKind.RootCause, path, diagnostics, "an action item");
            CheckPerson(item.Owner, item.OwnerLine, "an action item's owner", path, diagnostics);
            if (VagueAction().IsMatch(item.Title))
            {
                Report(diagnostics, VagueActionItem, path, item.TitleLine, item.Title);
            }
        }

        if (severity is Severity.Sev1 or Severity.Sev2)
        {
            var name = severity.Value.ToString().ToUpperInvariant();
            var missing = new List<string>();
            if (!seen.Contains(SectionKind.Summary)) missing.Add("a '## Summary' section");
            if (!seen.Contains(SectionKind.Impact)) missing.Add("a '## Impact' section");
            if (!seen.Contains(SectionKind.Timeline)) missing.Add("a '## Timeline' section");
            if (!seen.Contains(SectionKind.FiveWhys) && !seen.Contains(SectionKind.RootCause)) missing.Add("a '## Five whys' or '## Root cause and contributing factors' section");
            foreach (var what in missing)
            {
                Report(diagnostics, MissingSection, path, 1, name, what);
            }

            if (postmortem.ActionItems.Count == 0)
            {
                Report(diagnostics, MissingSection, path, postmortem.Lines.ActionItems > 0 ? postmortem.Lines.ActionItems : 1, name, "at least one entry under 'action_items:'");
            }
        }
    }

    private static void CheckText(string text, int firstLine, SectionKind section, string path, DiagnosticBag diagnostics, string? place = null)
    {
        if (text.Length == 0)
        {
            return;
        }

        int LineAt(int index) => firstLine + text.AsSpan(0, index).Count('\n');

        void Each(Regex pattern, LintRule rule, params object[] extra)
        {
            foreach (Match match in pattern.Matches(text))
            {
                Report(diagnostics, rule, path, LineAt(match.Index), [match.Value.Replace('\n', ' '), .. extra]);
            }
        }

        Each(HumanErrorPhrase(), HumanError);
        Each(CharacterWord(), CharacterJudgement);
        Each(CounterfactualPhrase(), Counterfactual);
        Each(HindsightWord(), Hindsight);
        Each(SingleCausePhrase(), SingleRootCause);
        if (section is SectionKind.RootCause or SectionKind.FiveWhys)
        {
            var where = place ?? (section == SectionKind.FiveWhys ? "the Five Whys" : "the root cause and contributing factors");
            Each(Email(), PersonNamed, where);
            foreach (Match match in Handle().Matches(Email().Replace(text, m => new string(' ', m.Length))))
            {
                Report(diagnostics, PersonNamed, path, LineAt(match.Index), match.Value, where);
            }
        }
    }

    private static void CheckPerson(string text, int line, string where, string path, DiagnosticBag diagnostics)
    {
        var match = Email().Match(text);
        if (!match.Success)
        {
            match = Handle().Match(text);
        }

        if (match.Success)
        {
            Report(diagnostics, PersonNamed, path, line, match.Value, where);
        }
    }

    private static void Report(DiagnosticBag diagnostics, LintRule rule, string path, int line, params object[] args)
    {
        var finding = args.Length == 0 ? rule.Finding : string.Format(System.Globalization.CultureInfo.InvariantCulture, rule.Finding, args);
        diagnostics.Add(new Diagnostic(rule.Level, path, line, $"{finding}; {rule.Suggestion}", rule.Id));
    }

    private static SectionKind Classify(string heading)
    {
        var h = heading.Trim().ToLowerInvariant();
        return h.StartsWith("summary", StringComparison.Ordinal) ? SectionKind.Summary
            : h.StartsWith("impact", StringComparison.Ordinal) ? SectionKind.Impact
            : h.StartsWith("timeline", StringComparison.Ordinal) ? SectionKind.Timeline
            : h.Contains("five whys", StringComparison.Ordinal) || h.Contains("5 whys", StringComparison.Ordinal) ? SectionKind.FiveWhys
            : h.Contains("root cause", StringComparison.Ordinal) || h.Contains("contributing", StringComparison.Ordinal) ? SectionKind.RootCause
            : SectionKind.Other;
    }

    /// <summary>Whether a heading is the Five Whys, which the page shows as a chain.</summary>
    internal static bool IsFiveWhys(string heading) => Classify(heading) == SectionKind.FiveWhys;

    /// <summary>The prose blocks inside a block: paragraphs and lower headings, at any depth of lists and quotes; never code.</summary>
    private static IEnumerable<LeafBlock> LeavesOf(Block block) => block switch
    {
        CodeBlock => [],
        LeafBlock leaf => [leaf],
        ContainerBlock container => container.SelectMany(LeavesOf),
        _ => [],
    };

    [GeneratedRegex(@"\b(human|operator|user)\s+error\b", RegexOptions.IgnoreCase)]
    private static partial Regex HumanErrorPhrase();

    [GeneratedRegex(@"\b(careless(ly|ness)?|negligen(t|tly|ce)|incompeten(t|tly|ce)|sloppy|sloppily|sloppiness|lazy|lazily|laziness|reckless(ly|ness)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CharacterWord();

    [GeneratedRegex(@"\b(should|could|would)(\s+have\b|'ve\b)|\b(failed|forgot)\s+to\b", RegexOptions.IgnoreCase)]
    private static partial Regex CounterfactualPhrase();

    // "just" as a time word ("just after 10:00") is not a minimiser.
    [GeneratedRegex(@"\b(obviously|simply)\b|\bjust\b(?!\s+(before|after|as|under|over)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex HindsightWord();

    [GeneratedRegex(@"\bthe\s+root\s+cause\s+(was|is)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SingleCausePhrase();

    [GeneratedRegex(@"\b(be|being)\s+more\s+careful\b|\bmake\s+(\w+\s+){0,3}better\b|^\s*improve\b", RegexOptions.IgnoreCase)]
    private static partial Regex VagueAction();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w@./])@[A-Za-z0-9][A-Za-z0-9_-]*")]
    private static partial Regex Handle();

    [GeneratedRegex(@"^\s*<!--\s*blameless-ignore\b\s*:?(?<reason>.*?)-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Suppression();
}
