using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Authoring;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Cli;

internal sealed class NewIncidentSettings : InputSettings
{
    [CommandOption("-t|--title <TITLE>")]
    [Description("What customers see, such as \"Elevated API error rates\". Also gives the file name.")]
    public string? Title { get; init; }

    [CommandOption("-s|--severity <SEVERITY>")]
    [Description("SEV1 (critical), SEV2 (major) or SEV3 (minor).")]
    public string? Severity { get; init; }

    [CommandOption("-c|--component <ID=STATUS>")]
    [Description("An affected component and its status, such as api=partial_outage. Repeat for more.")]
    public string[] Components { get; init; } = [];

    [CommandOption("-m|--message <TEXT>")]
    [Description("The first public message. Defaults to a standard 'we are investigating' text.")]
    public string? Message { get; init; }

    [CommandOption("--next-update <WHEN>")]
    [Description("Promise the next update: a duration from now (30m, 1h) or a timestamp.")]
    public string? NextUpdate { get; init; }
}

internal sealed class UpdateSettings : InputSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The incident id: its file name without '.md'.")]
    public string Id { get; init; } = "";

    [CommandOption("-s|--status <STATUS>")]
    [Description("investigating, identified, monitoring or update. To resolve, use 'statussite resolve <ID>'.")]
    public string? Status { get; init; }

    [CommandOption("-m|--message <TEXT>")]
    [Description("What customers read: what we know, what we are doing, what they can do.")]
    public string? Message { get; init; }

    [CommandOption("-c|--component <ID=STATUS>")]
    [Description("A component status change from now on, such as api=degraded_performance. Repeat for more.")]
    public string[] Components { get; init; } = [];

    [CommandOption("--next-update <WHEN>")]
    [Description("Promise the next update: a duration from now (30m, 1h) or a timestamp.")]
    public string? NextUpdate { get; init; }
}

internal sealed class ResolveSettings : InputSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The incident id: its file name without '.md'.")]
    public string Id { get; init; } = "";

    [CommandOption("-m|--message <TEXT>")]
    [Description("The closing message. Defaults to a standard 'resolved' text.")]
    public string? Message { get; init; }
}

internal sealed class NewMaintenanceSettings : InputSettings
{
    [CommandOption("-t|--title <TITLE>")]
    [Description("What customers see, such as \"Database upgrade\". Also gives the file name.")]
    public string? Title { get; init; }

    [CommandOption("--from <TIMESTAMP>")]
    [Description("Start of the window (RFC 3339 with a zone).")]
    public string? From { get; init; }

    [CommandOption("--until <TIMESTAMP>")]
    [Description("End of the window (RFC 3339 with a zone).")]
    public string? Until { get; init; }

    [CommandOption("-c|--component <ID[=STATUS]>")]
    [Description("A component in the window; the status defaults to under_maintenance. Repeat for more.")]
    public string[] Components { get; init; } = [];

    [CommandOption("-m|--message <TEXT>")]
    [Description("The description shown above the window's updates.")]
    public string? Message { get; init; }
}

/// <summary><c>statussite new incident</c>: declares an incident with its first Investigating update.</summary>
internal sealed class NewIncidentCommand(IAnsiConsole console, TimeProvider clock) : Command<NewIncidentSettings>
{
    public override int Execute(CommandContext context, NewIncidentSettings settings, CancellationToken cancellationToken)
    {
        var input = AuthoringSupport.Open(console, settings.Input);
        if (input is null)
        {
            return CliApp.ContentErrors;
        }

        var title = settings.Title ?? throw new UsageException("--title is required, such as --title \"Elevated API error rates\"");
        var severity = AuthoringInput.ParseEnum<Severity>("--severity", settings.Severity, out var error) ?? throw new UsageException(error);
        var components = input.ParseComponents(settings.Components, null, out error) ?? throw new UsageException(error);
        var now = AuthoringSupport.Minute(clock);
        var next = AuthoringSupport.NextUpdate(settings.NextUpdate, now);
        var relative = ContentAuthoring.RelativePath(now, title);
        var id = Path.GetFileNameWithoutExtension(relative);
        if (input.IdExists("incidents", id))
        {
            throw new UsageException($"an incident with the id '{id}' already exists; post to it with 'statussite update {id}', or choose another --title");
        }

        var path = Path.Combine(input.InputDir, "incidents", relative);
        var result = ContentAuthoring.NewIncident(input.Display(path), title, severity, components, settings.Message, now, next, input.Catalogue);
        return AuthoringSupport.Write(console, input, path, result, overwrite: false, hint: $"post updates with 'statussite update {id} --status identified --message …'");
    }
}

/// <summary><c>statussite update &lt;id&gt;</c>: posts an update at its place in the incident file.</summary>
internal sealed class UpdateCommand(IAnsiConsole console, TimeProvider clock) : Command<UpdateSettings>
{
    /// <summary>What update posts; Resolved has its own command.</summary>
    private static readonly IncidentStatus[] UpdateStatuses = [.. Enum.GetValues<IncidentStatus>().Where(s => s != IncidentStatus.Resolved)];

    public override int Execute(CommandContext context, UpdateSettings settings, CancellationToken cancellationToken)
    {
        var input = AuthoringSupport.Open(console, settings.Input);
        if (input is null)
        {
            return CliApp.ContentErrors;
        }

        var status = AuthoringInput.ParseEnum("--status", settings.Status, out var error, offered: UpdateStatuses) ?? throw new UsageException(error);
        if (status == IncidentStatus.Resolved)
        {
            throw new UsageException($"--status resolved: update does not resolve; use 'statussite resolve {settings.Id}', which also sets its components back to operational");
        }

        var message = settings.Message ?? throw new UsageException("--message is required: what customers read in this update");
        var changes = input.ParseComponents(settings.Components, null, out error) ?? throw new UsageException(error);
        var path = input.FindFile("incidents", settings.Id, out error) ?? throw new UsageException(error);
        var now = clock.GetUtcNow();
        var next = AuthoringSupport.NextUpdate(settings.NextUpdate, AuthoringSupport.Minute(clock));
        var text = AuthoringSupport.Read(console, input, path);
        if (text is null)
        {
            return CliApp.ContentErrors;
        }

        var result = ContentAuthoring.AddUpdate(input.Display(path), text, status, message, changes, now, next, input.Catalogue);
        return AuthoringSupport.Write(console, input, path, result, overwrite: true, hint: null);
    }
}

/// <summary><c>statussite resolve &lt;id&gt;</c>: the Resolved update, with every affected component back to operational.</summary>
internal sealed class ResolveCommand(IAnsiConsole console, TimeProvider clock) : Command<ResolveSettings>
{
    public override int Execute(CommandContext context, ResolveSettings settings, CancellationToken cancellationToken)
    {
        var input = AuthoringSupport.Open(console, settings.Input);
        if (input is null)
        {
            return CliApp.ContentErrors;
        }

        var path = input.FindFile("incidents", settings.Id, out var error) ?? throw new UsageException(error);
        var text = AuthoringSupport.Read(console, input, path);
        if (text is null)
        {
            return CliApp.ContentErrors;
        }

        var result = ContentAuthoring.Resolve(input.Display(path), text, settings.Message, clock.GetUtcNow(), input.Catalogue);
        return AuthoringSupport.Write(console, input, path, result, overwrite: true, hint: "a postmortem is due for SEV1 and SEV2 incidents (see policy.postmortem_due)");
    }
}

/// <summary><c>statussite new maintenance</c>: schedules a maintenance window.</summary>
internal sealed class NewMaintenanceCommand(IAnsiConsole console) : Command<NewMaintenanceSettings>
{
    public override int Execute(CommandContext context, NewMaintenanceSettings settings, CancellationToken cancellationToken)
    {
        var input = AuthoringSupport.Open(console, settings.Input);
        if (input is null)
        {
            return CliApp.ContentErrors;
        }

        var title = settings.Title ?? throw new UsageException("--title is required, such as --title \"Database upgrade\"");
        var from = AuthoringSupport.Time("--from", settings.From);
        var until = AuthoringSupport.Time("--until", settings.Until);
        if (until <= from)
        {
            throw new UsageException($"--until ({Timestamp.ToHeading(until)}) is not after --from ({Timestamp.ToHeading(from)}); the window must end after it starts");
        }

        var components = input.ParseComponents(settings.Components, ComponentStatus.UnderMaintenance, out var error) ?? throw new UsageException(error);
        var relative = ContentAuthoring.RelativePath(from, title);
        var id = Path.GetFileNameWithoutExtension(relative);
        if (input.IdExists("maintenance", id))
        {
            throw new UsageException($"a maintenance window with the id '{id}' already exists; edit it, or choose another --title");
        }

        var path = Path.Combine(input.InputDir, "maintenance", relative);
        var result = ContentAuthoring.NewMaintenance(input.Display(path), title, components, from, until, settings.Message, input.Catalogue);
        return AuthoringSupport.Write(console, input, path, result, overwrite: false, hint: null);
    }
}

/// <summary>What the writing commands share: reading site.yml, the clock's minute, and the atomic write with its report.</summary>
internal static class AuthoringSupport
{
    public static AuthoringInput? Open(IAnsiConsole console, string inputDir)
    {
        var (input, diagnostics) = AuthoringInput.Open(inputDir);
        DiagnosticPrinter.Print(console, diagnostics);
        return input;
    }

    /// <summary>The current UTC minute: updates are written to the minute, as headings show them.</summary>
    public static DateTimeOffset Minute(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    public static DateTimeOffset Time(string option, string? text)
    {
        if (text is null)
        {
            throw new UsageException($"{option} is required, such as {option} {Timestamp.Example}");
        }

        return Timestamp.TryParse(text, out var value, out var error) ? value : throw new UsageException($"{option}: {error}");
    }

    public static DateTimeOffset? NextUpdate(string? text, DateTimeOffset now)
    {
        if (text is null)
        {
            return null;
        }

        if (Durations.TryParse(text, out var span) && span > TimeSpan.Zero)
        {
            return now + span;
        }

        if (Timestamp.TryParse(text, out var value, out var error))
        {
            return value;
        }

        // What starts with a date is a timestamp with a mistake ("no time zone; add 'Z'"), which says more than "neither".
        throw new UsageException(char.IsAsciiDigit(text.TrimStart().FirstOrDefault()) && text.Contains('-', StringComparison.Ordinal)
            ? $"--next-update: {error}"
            : $"--next-update: '{text}' is neither a duration (30m, 1h) nor a timestamp ({Timestamp.Example})");
    }

    public static string? Read(IAnsiConsole console, AuthoringInput input, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DiagnosticPrinter.Print(console, [new Diagnostic(DiagnosticLevel.Error, input.Display(path), 0, $"this file cannot be read ({e.Message}); check its permissions")]);
            return null;
        }
    }

    public static int Write(IAnsiConsole console, AuthoringInput input, string path, EditResult result, bool overwrite, string? hint)
    {
        var display = input.Display(path);
        if (!result.Succeeded)
        {
            DiagnosticPrinter.Print(console, result.Diagnostics);
            console.MarkupLineInterpolated($"[red]Nothing was written; {display} is unchanged.[/]");
            return CliApp.ContentErrors;
        }

        try
        {
            AtomicFileWriter.Write(path, result.Text!, overwrite);
        }
        catch (IOException e) when (!overwrite && File.Exists(path))
        {
            throw new UsageException($"{display} already exists ({e.Message}); choose another --title");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DiagnosticPrinter.Print(console, [new Diagnostic(DiagnosticLevel.Error, display, 0, $"this file cannot be written ({e.Message}); check the folder's permissions")]);
            return CliApp.ContentErrors;
        }

        console.MarkupLineInterpolated($"[green]wrote[/] {display}: {result.Summary}.");
        if (hint is not null)
        {
            console.MarkupLineInterpolated($"[grey]Next: {hint}; commit and push to publish.[/]");
        }
        else
        {
            console.MarkupLineInterpolated($"[grey]Commit and push to publish.[/]");
        }

        return CliApp.Success;
    }
}
