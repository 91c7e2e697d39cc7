using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Core;
using StatusSite.Integrations;

namespace StatusSite.Cli;

/// <summary>Options every command takes.</summary>
internal class InputSettings : CommandSettings
{
    [CommandOption("-i|--input <FOLDER>")]
    [Description("The content folder.")]
    [DefaultValue("input")]
    public string Input { get; init; } = "input";

    public override ValidationResult Validate() => string.IsNullOrWhiteSpace(Input)
        ? ValidationResult.Error("--input is empty; name the content folder, such as --input input, or leave the option out")
        : ValidationResult.Success();
}

/// <summary>Options of the commands that read the content at a clock.</summary>
internal class ClockSettings : InputSettings
{
    [CommandOption("--now <TIMESTAMP>")]
    [Description("Fix the build clock (RFC 3339, e.g. 2026-11-26T12:00:00Z). Defaults to SOURCE_DATE_EPOCH, then the real clock.")]
    public string? Now { get; init; }

    /// <summary>The clock: --now, else SOURCE_DATE_EPOCH, else the system clock.</summary>
    public DateTimeOffset ResolveNow(TimeProvider clock)
    {
        if (Now is not null)
        {
            return Timestamp.TryParse(Now, out var value, out var error) ? value : throw new UsageException($"--now: {error}");
        }

        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (!string.IsNullOrWhiteSpace(epoch))
        {
            if (!long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                throw new UsageException($"SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds since 1970-01-01T00:00:00Z");
            }

            return seconds < Timestamp.End.ToUnixTimeSeconds()
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : throw new UsageException($"SOURCE_DATE_EPOCH {Timestamp.OutOfRange(epoch)}");
        }

        return clock.GetUtcNow();
    }
}

/// <summary>Options of the commands that render the site.</summary>
internal class RenderSettings : ClockSettings
{
    [CommandOption("--theme <FOLDER>")]
    [Description("The theme folder. Defaults to ./theme, else the theme shipped with the tool.")]
    public string? Theme { get; init; }

    [CommandOption("--cache <FOLDER>")]
    [Description("Where compiled templates are kept between builds.")]
    [DefaultValue(".statussite-cache")]
    public string Cache { get; init; } = ".statussite-cache";

    public const string NoSiteThemeDescription = "Ignore input/theme/ (its templates are C# that runs during the build), for content you do not trust, such as a pull request's.";

    [CommandOption("--no-site-theme")]
    [Description(NoSiteThemeDescription)]
    public bool NoSiteTheme { get; init; }

    public override ValidationResult Validate() => base.Validate() is { Successful: false } input ? input : CacheOption.Validate(Cache);
}

/// <summary>The checks of a --cache value, before a build writes into it.</summary>
internal static class CacheOption
{
    public static ValidationResult Validate(string cache) =>
        string.IsNullOrWhiteSpace(cache) ? ValidationResult.Error("--cache: give a folder for the compiled templates, such as .statussite-cache")
        : File.Exists(cache) ? ValidationResult.Error($"--cache: '{cache}' is a file; give a folder for the compiled templates, such as .statussite-cache")
        : ValidationResult.Success();
}

/// <summary>Where the default theme is: ./theme when present (the template repository), else the one shipped with the tool.</summary>
internal static class ThemeLocator
{
    public static string Resolve(string? theme)
    {
        if (theme is not null && string.IsNullOrWhiteSpace(theme))
        {
            throw new UsageException("--theme is empty; name the theme folder, such as --theme theme, or leave the option out for the default");
        }

        if (theme is not null)
        {
            return Directory.Exists(theme) ? theme : throw new UsageException($"--theme: the folder '{theme}' does not exist");
        }

        return Directory.Exists("theme") ? "theme" : Path.Combine(AppContext.BaseDirectory, "theme");
    }
}

/// <summary>Options of the commands that call outside services: how long one attempt waits, and the retry policy that follows.</summary>
internal class ServiceCallSettings : ClockSettings
{
    [CommandOption("--timeout <SECONDS>")]
    [Description("How long one attempt waits for an answer.")]
    [DefaultValue(10)]
    public int Timeout { get; init; } = 10;

    /// <summary>The shared retry policy, each attempt bounded by --timeout.</summary>
    public RetryPolicy Policy => RetryPolicy.Default with { AttemptTimeout = TimeSpan.FromSeconds(Timeout) };

    public override ValidationResult Validate() =>
        Timeout is < 1 or > 300 ? ValidationResult.Error("--timeout: give a number of seconds from 1 to 300, such as --timeout 10") : base.Validate();
}
