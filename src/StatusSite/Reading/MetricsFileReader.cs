using System.Text.Json;
using StatusSite.Core;
using StatusSite.Model;

namespace StatusSite.Reading;

/// <summary>Reads one input/metrics/&lt;id&gt;.json file that 'metrics pull' wrote; a malformed one is a path:line error.</summary>
internal static class MetricsFileReader
{
    public static MetricData? Read(string display, string text, string fileId, IReadOnlyList<MetricDefinition> metrics, DiagnosticBag diagnostics)
    {
        MetricData? data;
        try
        {
            data = JsonSerializer.Deserialize(text, MetricDataJson.Default.MetricData);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var what = e.Path is { Length: > 1 } path ? $"the value at {MessageText.Excerpt(path)} is missing or of the wrong kind" : $"this is not valid JSON ({FirstSentence(e.Message)})";
            diagnostics.Error(display, line, $"{what}; this file is written by 'statussite metrics pull': run it again, or delete the file");
            return null;
        }

        if (data is null)
        {
            diagnostics.Error(display, 1, "this metrics file is empty (null); run 'statussite metrics pull' again, or delete the file");
            return null;
        }

        if (data.Schema != MetricData.CurrentSchema)
        {
            diagnostics.Error(display, LineOf(text, "\"schema\""), $"schema {data.Schema} is not one this version reads; write {MetricData.CurrentSchema}, or pull the metric again");
            return null;
        }

        if (data.Metric != fileId)
        {
            diagnostics.Error(display, LineOf(text, "\"metric\""), $"the file is named '{fileId}.json' but holds metric '{data.Metric}'; rename the file to '{data.Metric}.json', or pull the metric again");
            return null;
        }

        if (!metrics.Any(m => m.Id == fileId))
        {
            diagnostics.Warning(display, 1, $"site.yml lists no metric '{fileId}'; the file is not shown (add the metric to site.yml, or delete the file)");
            return null;
        }

        return data;
    }

    /// <summary>System.Text.Json's message without its path and position, which the diagnostic gives as path:line.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return MessageText.Excerpt((end < 0 ? message : message[..end]).TrimEnd('.'));
    }

    private static int LineOf(string text, string key)
    {
        var index = text.IndexOf(key, StringComparison.Ordinal);
        return index < 0 ? 1 : text.AsSpan(0, index).Count('\n') + 1;
    }
}
