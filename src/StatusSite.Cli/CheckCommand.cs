using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Core;

namespace StatusSite.Cli;

internal sealed class CheckSettings : ClockSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description(DiagnosticPrinter.FormatDescription)]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";

    [CommandOption("--theme <FOLDER>")]
    [Description("The theme whose strings are checked for the site's language. Defaults to ./theme, else the theme shipped with the tool.")]
    public string? Theme { get; init; }

    [CommandOption("--no-site-theme")]
    [Description(RenderSettings.NoSiteThemeDescription)]
    public bool NoSiteTheme { get; init; }

    [CommandOption("--strict")]
    [Description("Treat warnings (late updates, missed promises, overdue postmortems, lint warnings) as errors, so the exit code is 1.")]
    public bool Strict { get; init; }
}

/// <summary><c>statussite check</c>: everything <c>build</c> validates plus the incident process rules; writes nothing.</summary>
internal sealed class CheckCommand(IAnsiConsole console, TimeProvider clock) : Command<CheckSettings>
{
    public override int Execute(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
    {
        var format = DiagnosticPrinter.ParseFormat(settings.Format);

        var now = settings.ResolveNow(clock);
        // Drafts are linted here, never by build: a draft's mistakes are news to its author, not a reason to stop a publish.
        var (model, bag) = SiteBuilder.Analyze(settings.Input, now, lintDrafts: true, themeDir: ThemeLocator.Resolve(settings.Theme), processRules: true, siteTheme: !settings.NoSiteTheme);

        var diagnostics = bag.Sorted()
            .Select(d => settings.Strict && d.Level == DiagnosticLevel.Warning ? d with { Level = DiagnosticLevel.Error } : d)
            .ToList();
        if (format == "github")
        {
            DiagnosticPrinter.PrintGitHub(console, diagnostics);
        }
        else
        {
            DiagnosticPrinter.PrintGrouped(console, diagnostics);
            DiagnosticPrinter.PrintSummary(console, diagnostics, model is null ? null : $"{Counted.Of(model.Incidents.Count, "incident")} and {Counted.Of(model.Maintenances.Count, "maintenance window")}");
        }

        return diagnostics.Any(d => d.Level == DiagnosticLevel.Error) ? CliApp.ContentErrors : CliApp.Success;
    }
}
