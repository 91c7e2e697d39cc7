using System.ComponentModel;
using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;
using StatusSite.Authoring;

namespace StatusSite.Cli;

internal sealed class InitSettings : CommandSettings
{
    [CommandArgument(0, "[FOLDER]")]
    [Description("The repository folder to write into. Defaults to the current folder.")]
    public string Folder { get; init; } = ".";

    [CommandOption("-t|--title <TITLE>")]
    [Description("The page's title, such as \"Acme Status\". Without it, a placeholder that check flags.")]
    public string? Title { get; init; }

    [CommandOption("--base-url <URL>")]
    [Description("The address the site is published at, such as https://status.acme.example/. Without it, a placeholder that check flags.")]
    public string? BaseUrl { get; init; }

    [CommandOption("-c|--component <ID=NAME>")]
    [Description("A component of the page, such as api=\"Public API\". Repeat for more, in the order the page lists them.")]
    public string[] Components { get; init; } = [];

    [CommandOption("--example")]
    [Description("Write the sample site (a fictional company) instead of an empty one, its dates moved so that it looks live today.")]
    public bool Example { get; init; }

    [CommandOption("--force")]
    [Description("Write into a folder that is not empty; a file that exists is still never replaced.")]
    public bool Force { get; init; }

    public override ValidationResult Validate() =>
        Example && (Title is not null || BaseUrl is not null || Components.Length > 0)
            ? ValidationResult.Error("--example writes the sample's own site.yml; leave out --title, --base-url and --component")
            : ValidationResult.Success();
}

/// <summary>
/// <c>statussite init</c>: a content-only status repository that builds at once: input/ with site.yml and
/// the empty content folders, a .gitignore, a README for the people who post updates, and the workflows
/// (publish, pull-request check, pull-request comment), which install this very version of the tool through the project's action.
/// </summary>
internal sealed class InitCommand(IAnsiConsole console, TimeProvider clock) : Command<InitSettings>
{
    private const string ContentFolders = "incidents maintenance postmortems";

    /// <summary>The workflows init writes, under .github/workflows/ (pull-request-comment.yml posts what pull-request.yml prepared).</summary>
    private const string Workflows = "publish.yml pull-request.yml pull-request-comment.yml";

    public override int Execute(CommandContext context, InitSettings settings, CancellationToken cancellationToken)
    {
        var root = settings.Folder;
        if (File.Exists(root))
        {
            throw new UsageException($"'{root}' is a file; give a folder for the new status repository");
        }

        // A repository just made with 'git init' counts as empty.
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any(entry => Path.GetFileName(entry) != ".git") && !settings.Force)
        {
            throw new UsageException($"the folder '{root}' is not empty; give a new or empty folder, or pass --force to add only the files it lacks (none is replaced)");
        }

        var files = settings.Example ? ExampleFiles(clock.GetUtcNow()) : EmptySite(settings);
        var componentId = settings.Example ? "api" : FirstComponentId(settings);
        var version = ToolVersion;
        var action = $"{ActionRepository}/.github/actions/statussite@v{version}";
        string Fill(string text) => text
            .Replace("%ACTION%", action, StringComparison.Ordinal)
            .Replace("%VERSION%", version, StringComparison.Ordinal)
            .Replace("%PROJECT%", "https://github.com/" + ActionRepository, StringComparison.Ordinal)
            .Replace("%TITLE%", settings.Example ? "Northwind Cloud status page" : (settings.Title ?? SiteScaffold.PlaceholderTitle).Trim(), StringComparison.Ordinal)
            .Replace("%COMPONENT%", componentId, StringComparison.Ordinal);

        files.Add((".gitignore", Resource("gitignore")));
        files.Add(("README.md", Fill(Resource("README.md"))));
        files.AddRange(Workflows.Split(' ').Select(name => ($".github/workflows/{name}", Fill(Resource(name)))));

        foreach (var (relative, text) in files)
        {
            var path = Path.Combine(root, relative);
            if (File.Exists(path))
            {
                console.MarkupLineInterpolated($"kept    {path} (it exists)");
                continue;
            }

            AtomicFileWriter.Write(path, text, overwrite: false);
            console.MarkupLineInterpolated($"created {path}");
        }

        var input = Path.Combine(root, "input");
        console.WriteLine();
        console.MarkupLineInterpolated($"Next: build it with 'statussite build --input {input}', push the repository to GitHub and set Settings → Pages → Source to 'GitHub Actions'.");
        return CliApp.Success;
    }

    private static List<(string Path, string Text)> EmptySite(InitSettings settings)
    {
        var siteYml = SiteScaffold.SiteYml(settings.Title, settings.BaseUrl, settings.Components, out var error) ?? throw new UsageException(error!);
        var files = new List<(string, string)> { ("input/site.yml", siteYml) };
        // Git keeps no empty folder: a .gitkeep holds each content folder until its first file.
        files.AddRange(ContentFolders.Split(' ').Select(folder => ($"input/{folder}/.gitkeep", "")));
        return files;
    }

    private static string FirstComponentId(InitSettings settings) =>
        settings.Components.Length > 0 && settings.Components[0].IndexOf('=', StringComparison.Ordinal) is var at and > 0
            ? settings.Components[0][..at].Trim()
            : "website";

    /// <summary>The sample site shipped with the tool, every date in it moved to <paramref name="now"/>.</summary>
    private static List<(string Path, string Text)> ExampleFiles(DateTimeOffset now)
    {
        var example = Path.Combine(AppContext.BaseDirectory, "example");
        var by = ExampleSite.ShiftTo(now);
        return Directory.EnumerateFiles(example, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => ("input/" + ExampleSite.ShiftPath(Path.GetRelativePath(example, file), by), ExampleSite.Shift(File.ReadAllText(file), by)))
            .ToList();
    }

    private static string Resource(string name)
    {
        using var stream = typeof(InitCommand).Assembly.GetManifestResourceStream("init/" + name)
            ?? throw new InvalidOperationException($"the tool lacks its init/{name} resource");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The tool's package version, without the commit the build adds after '+'.</summary>
    internal static string ToolVersion =>
        typeof(InitCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    /// <summary>The GitHub repository that releases the tool and holds its action (set when the tool is packed).</summary>
    internal static string ActionRepository =>
        typeof(InitCommand).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ActionRepository").Value!;
}
