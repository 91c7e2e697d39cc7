using Spectre.Console;
using StatusSite.Content;

namespace StatusSite.Cli;

/// <summary>Prints diagnostics as 'path:line: message', errors in red and warnings in yellow when colour is on.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(IAnsiConsole console, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            var colour = diagnostic.Level switch
            {
                DiagnosticLevel.Error => "red",
                DiagnosticLevel.Warning => "yellow",
                _ => "grey",
            };
            console.MarkupLine($"[{colour}]{Markup.Escape(diagnostic.ToString())}[/]");
        }
    }
}
