using Spectre.Console;
using StatusSite.Core;

namespace StatusSite.Cli;

/// <summary>Prints diagnostics as 'path:line: message', errors in red and warnings in yellow when colour is on.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(IAnsiConsole console, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            console.MarkupLine($"[{Colour(diagnostic)}]{Markup.Escape(diagnostic.ToString())}[/]");
        }
    }

    /// <summary>One heading per file, then its diagnostics; each line keeps the full 'path:line:' so editors can jump to it.</summary>
    public static void PrintGrouped(IAnsiConsole console, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var file in diagnostics.GroupBy(d => d.Path, StringComparer.Ordinal))
        {
            console.MarkupLine($"[bold]{Markup.Escape(file.Key)}[/]");
            foreach (var diagnostic in file)
            {
                console.MarkupLine($"  [{Colour(diagnostic)}]{Markup.Escape(diagnostic.ToString())}[/]");
            }

            console.WriteLine();
        }
    }

    public static void PrintSummary(IAnsiConsole console, IReadOnlyCollection<Diagnostic> diagnostics, string? checkedWhat)
    {
        var errors = diagnostics.Count(d => d.Level == DiagnosticLevel.Error);
        var warnings = diagnostics.Count(d => d.Level == DiagnosticLevel.Warning);
        var files = diagnostics.Select(d => d.Path).Distinct(StringComparer.Ordinal).Count();
        var what = checkedWhat is null ? "" : $" (checked {checkedWhat})";
        if (errors == 0 && warnings == 0)
        {
            console.MarkupLine($"[green]No problems found{Markup.Escape(what)}.[/]");
            return;
        }

        var colour = errors > 0 ? "red" : "yellow";
        console.MarkupLine($"[{colour}]{Counted.Of(errors, "error")} and {Counted.Of(warnings, "warning")} in {Counted.Of(files, "file")}{Markup.Escape(what)}.[/]");
    }

    public const string FormatDescription = "'text' (grouped by file, with a summary) or 'github' (annotations for GitHub Actions).";

    /// <summary>The --format value, lower-cased: 'text' or 'github'.</summary>
    public static string ParseFormat(string format) =>
        format.ToLowerInvariant() is "text" or "github"
            ? format.ToLowerInvariant()
            : throw new UsageException($"--format: unknown format '{format}'; use 'text' or 'github'");

    /// <summary>
    /// GitHub Actions workflow commands: '::error file=…,line=…,title=…::message'. Written to the raw
    /// writer, because the console would wrap long lines and GitHub reads one command per line.
    /// </summary>
    public static void PrintGitHub(IAnsiConsole console, IEnumerable<Diagnostic> diagnostics)
    {
        var writer = console.Profile.Out.Writer;
        foreach (var line in diagnostics.Select(GitHubAnnotation))
        {
            writer.Write(line);
            writer.Write('\n');
        }

        writer.Flush();
    }

    public static string GitHubAnnotation(Diagnostic diagnostic)
    {
        var command = diagnostic.Level switch
        {
            DiagnosticLevel.Error => "error",
            DiagnosticLevel.Warning => "warning",
            _ => "notice",
        };
        var properties = "file=" + EscapeProperty(diagnostic.Path);
        if (diagnostic.Line > 0)
        {
            properties += ",line=" + diagnostic.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        properties += ",title=" + EscapeProperty(diagnostic.Rule is null ? "statussite" : "statussite " + diagnostic.Rule);
        return $"::{command} {properties}::{EscapeData(diagnostic.Message)}";
    }

    // The escaping GitHub's toolkit applies (@actions/core): data escapes %, CR, LF; properties also ':' and ','.
    private static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Colour(Diagnostic diagnostic) => diagnostic.Level switch
    {
        DiagnosticLevel.Error => "red",
        DiagnosticLevel.Warning => "yellow",
        _ => "grey",
    };
}
