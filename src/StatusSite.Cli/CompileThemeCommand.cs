using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Rendering;

namespace StatusSite.Cli;

internal sealed class CompileThemeSettings : CommandSettings
{
    [CommandOption("--theme <FOLDER>")]
    [Description("The theme folder. Defaults to ./theme, else the theme shipped with the tool.")]
    public string? Theme { get; init; }

    [CommandOption("--cache <FOLDER>")]
    [Description("Where the compiled templates are written.")]
    [DefaultValue(".statussite-cache")]
    public string Cache { get; init; } = ".statussite-cache";

    public override ValidationResult Validate() => CacheOption.Validate(Cache);
}

/// <summary>
/// <c>statussite compile-theme</c>: compiles every layout and partial of a theme (without a site's
/// overrides, which a build compiles) into a cache folder. Publishing the tool runs it, so the tool
/// carries its default theme compiled; a CI job may run it to fill its template cache.
/// </summary>
internal sealed class CompileThemeCommand(IAnsiConsole console) : AsyncCommand<CompileThemeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CompileThemeSettings settings, CancellationToken cancellationToken)
    {
        var theme = new Theme(ThemeLocator.Resolve(settings.Theme), overrideDir: null);
        var failures = await ThemeRenderer.For(theme, settings.Cache).CompileAllAsync().ConfigureAwait(false);
        foreach (var failure in failures)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {failure}");
        }

        var templates = theme.Templates.Count();
        console.WriteLine(failures.Count == 0
            ? $"Compiled and cached {Counted.Of(templates, "template")} of {theme.ThemeDir}."
            : $"{failures.Count} of {Counted.Of(templates, "template")} failed to compile; fix the errors above in {theme.ThemeDir}.");
        return failures.Count == 0 ? CliApp.Success : 1;
    }
}
