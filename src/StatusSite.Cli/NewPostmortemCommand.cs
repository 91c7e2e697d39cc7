using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Authoring;

namespace StatusSite.Cli;

internal sealed class NewPostmortemSettings : ClockSettings
{
    [CommandArgument(0, "<INCIDENT>")]
    [Description("The id of the incident the postmortem is about (its file name without '.md').")]
    public string Incident { get; init; } = "";
}

/// <summary><c>statussite new postmortem &lt;incident&gt;</c>: write a draft postmortem with the incident's timeline.</summary>
internal sealed class NewPostmortemCommand(IAnsiConsole console) : Command<NewPostmortemSettings>
{
    public override int Execute(CommandContext context, NewPostmortemSettings settings, CancellationToken cancellationToken)
    {
        var (model, diagnostics) = SiteBuilder.Analyze(settings.Input, settings.ResolveNow(TimeProvider.System));
        if (model is null)
        {
            DiagnosticPrinter.Print(console, diagnostics.Sorted());
            console.MarkupLine("[red]The content has errors; fix them first, then run the command again.[/]");
            return CliApp.ContentErrors;
        }

        var scaffold = PostmortemScaffolder.Create(model, settings.Incident.Trim());
        if (!scaffold.Succeeded)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {scaffold.Error}");
            return CliApp.UsageError;
        }

        var target = Path.Combine(settings.Input, scaffold.RelativePath!);
        var display = Path.GetRelativePath(Environment.CurrentDirectory, target).Replace('\\', '/');
        if (File.Exists(target))
        {
            console.MarkupLineInterpolated($"[red]error:[/] {display} already exists; edit it, or move it away to start again");
            return CliApp.ContentErrors;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);

        // Written next to its target and renamed into place, so the folder never holds half a file.
        var temp = target + ".tmp-" + Environment.ProcessId;
        try
        {
            File.WriteAllText(temp, scaffold.Text!);
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException e)
        {
            File.Delete(temp);
            console.MarkupLineInterpolated($"[red]error:[/] {display} could not be written ({e.Message})");
            return CliApp.ContentErrors;
        }

        console.WriteLine(display);
        return CliApp.Success;
    }
}
