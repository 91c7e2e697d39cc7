using System.Globalization;
using StatusSite.Benchmarks;

// Times the whole `statussite build` process on synthetic corpora.
// dotnet run -c Release --project tests/StatusSite.Benchmarks -- --incidents 10000 [--incidents 1000] [--runs 5] [--sample] [--no-publish] [--output-root <folder>]
var sizes = new List<int>();
var runs = 5;
var sample = false;
var publish = true;

// Output goes to memory when the system has a RAM-backed folder: the figures are the tool's. A
// virtual machine's disk can take anywhere from one to twelve seconds for the same 10,000 small
// files; pass --output-root <folder> to time a real disk too.
var outputRoot = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--incidents" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
            sizes.Add(n);
            i++;
            break;
        case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
            runs = r;
            i++;
            break;
        case "--sample":
            sample = true;
            break;
        case "--no-publish":
            publish = false;
            break;
        case "--output-root" when i + 1 < args.Length:
            outputRoot = args[i + 1];
            i++;
            break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; use --incidents N (repeatable), --runs N, --sample, --no-publish, --output-root <folder>");
            return 2;
    }
}

if (sizes.Count == 0 && !sample)
{
    sizes.AddRange([100, 1000, 10000]);
}

var repo = Harness.FindRepoRoot();
var work = Path.Combine(Path.GetTempPath(), "statussite-bench");
Directory.CreateDirectory(work);
// The shipped form (ReadyToRun) by default; --no-publish times the harness's own build of the tool.
var tool = publish ? Harness.PublishTool(repo, work) : Path.Combine(AppContext.BaseDirectory, "StatusSite.Cli.dll");
Console.WriteLine($"StatusSite build benchmark — {Environment.ProcessorCount} cores, {RuntimeInformationText()}, tool {(publish ? "published ReadyToRun" : "as built")}, output to {outputRoot}; median of {runs} runs after a warm-up");
Console.WriteLine();
Console.WriteLine("| corpus | warm (s) | cold (s) | cold, theme compiled (s) | read | analyse | render+write | pages | files | MB written | largest file (KB) | peak memory (MB) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
var rows = new List<(string Name, string Input, string Now)>();
if (sample)
{
    rows.Add(("sample site", Path.Combine(repo, "tests", "StatusSite.Tests", "Fixtures", "sample-site"), "2026-11-27T00:00:00Z"));
}

foreach (var size in sizes)
{
    var input = Path.Combine(work, $"corpus-{size}");
    if (Directory.Exists(input))
    {
        Directory.Delete(input, recursive: true);
    }

    CorpusGenerator.Write(input, size);
    rows.Add(($"{size:N0} incidents", input, CorpusGenerator.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
}

foreach (var (name, input, now) in rows)
{
    var result = Harness.Measure(tool, repo, work, outputRoot, input, now, runs);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {result.WarmSeconds:0.000} | {result.ColdSeconds:0.000} | {result.CompileSeconds:0.000} | {result.Stats.ReadMs} ms | {result.Stats.AnalyzeMs} ms | {result.Stats.RenderAndWriteMs} ms | {result.Stats.Pages:N0} | {result.Stats.Files:N0} | {result.Stats.Bytes / 1048576.0:0.0} | {result.LargestFileBytes / 1024.0:0} | {result.PeakMegabytes:0} |"));
}

return 0;

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
