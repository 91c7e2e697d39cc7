using System.Globalization;

namespace StatusSite.Cli;

/// <summary>Counts in the tool's English messages: "1 incident", "2 incidents", never "1 incidents" or "error(s)".</summary>
internal static class Counted
{
    /// <param name="plural">The plural when it is not <paramref name="noun"/> + "s".</param>
    public static string Of(long count, string noun, string? plural = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : plural ?? noun + "s");
}
