namespace StatusSite.Core;

/// <summary>How serious a diagnostic is: errors stop a build, warnings and notes do not.</summary>
public enum DiagnosticLevel
{
    Error,
    Warning,
    Info,
}

/// <summary>One problem found in the content, located at a file and line, with the fix in its message.</summary>
/// <param name="Path">The file as the user knows it, relative to the working folder, with '/' separators.</param>
/// <param name="Line">1-based line; 0 when the problem concerns the whole file.</param>
/// <param name="Message">What is wrong, and what to write instead.</param>
/// <param name="Rule">A stable id for lint rules; null for format errors.</param>
public sealed record Diagnostic(DiagnosticLevel Level, string Path, int Line, string Message, string? Rule = null)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{Path}:{Line}" : Path;
        var level = Level switch
        {
            DiagnosticLevel.Warning => "warning: ",
            DiagnosticLevel.Info => "info: ",
            _ => "",
        };
        var rule = Rule is null ? "" : $" [{Rule}]";
        return $"{where}: {level}{Message}{rule}";
    }

    /// <summary>This diagnostic as it is reported for a draft: an error becomes a warning, since work in progress never blocks a publish.</summary>
    public Diagnostic InDraft() =>
        Level == DiagnosticLevel.Error ? this with { Level = DiagnosticLevel.Warning, Message = Message + " (in a draft, so it does not stop the build)" } : this;
}

/// <summary>Collects diagnostics from every stage so a build reports all of them at once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly Lock _lock = new();

    public bool HasErrors => ErrorCount > 0;

    public int ErrorCount
    {
        get
        {
            lock (_lock)
            {
                return _items.Count(d => d.Level == DiagnosticLevel.Error);
            }
        }
    }

    public void Error(string path, int line, string message) => Add(new Diagnostic(DiagnosticLevel.Error, path, line, message));

    public void Warning(string path, int line, string message, string? rule = null) =>
        Add(new Diagnostic(DiagnosticLevel.Warning, path, line, message, rule));

    public void Add(Diagnostic diagnostic)
    {
        lock (_lock)
        {
            _items.Add(diagnostic);
        }
    }

    public void AddRange(DiagnosticBag other)
    {
        foreach (var diagnostic in other.Sorted())
        {
            Add(diagnostic);
        }
    }

    /// <summary>All diagnostics in a stable order: by file, then line, then message.</summary>
    public IReadOnlyList<Diagnostic> Sorted()
    {
        lock (_lock)
        {
            return [.. _items
                .OrderBy(d => d.Path, StringComparer.Ordinal)
                .ThenBy(d => d.Line)
                .ThenBy(d => d.Message, StringComparer.Ordinal)];
        }
    }
}
