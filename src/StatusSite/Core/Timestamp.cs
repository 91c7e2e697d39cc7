using System.Globalization;
using System.Text.RegularExpressions;

namespace StatusSite.Core;

/// <summary>
/// Parses the timestamp forms the content allows: RFC 3339 with an explicit zone
/// (<c>2026-11-26T10:42:00Z</c>, <c>…+01:00</c>) and the heading form <c>2026-11-26 10:42 UTC</c>.
/// A timestamp without a zone is refused: we never guess a zone.
/// </summary>
public static partial class Timestamp
{
    public const string Example = "2026-11-26T10:42:00Z";

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[Tt ](?<h>\d{2}):(?<m>\d{2})(?::(?<s>\d{2})(?<f>\.\d+)?)?\s*(?<zone>[Zz]|UTC|[+-]\d{2}:\d{2})?$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateOnlyPattern();

    /// <summary>
    /// The first year of the supported range: the Unix epoch, before any status page. Together with
    /// <see cref="EndYear"/> it keeps every sum of a time and an interval (uptime windows, durations, feeds'
    /// look-back) far from the ends of <see cref="DateTimeOffset"/>, where it would overflow.
    /// </summary>
    public const int FirstYear = 1970;

    /// <summary>The first year no longer supported.</summary>
    public const int EndYear = 9000;

    /// <summary>The first moment past the supported range.</summary>
    public static readonly DateTimeOffset End = new(EndYear, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static bool IsSupported(DateOnly date) => date.Year is >= FirstYear and < EndYear;

    /// <summary>What to write instead of a time outside the supported years, for a message about <paramref name="text"/>.</summary>
    public static string OutOfRange(string text) => $"'{MessageText.Excerpt(text)}' is outside the supported years {FirstYear} to {EndYear - 1}; check the year";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what to write instead.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value, out string error)
    {
        text = text?.Trim() ?? "";
        if (TryParseUtc(text, out value))
        {
            error = "";
            return true;
        }

        return TryParseAnyForm(text, out value, out error);
    }

    /// <summary>Parses every allowed form of the trimmed <paramref name="text"/> and explains every mistake.</summary>
    internal static bool TryParseAnyForm(string text, out DateTimeOffset value, out string error)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            error = DateOnlyPattern().IsMatch(text)
                ? $"'{MessageText.Excerpt(text)}' is a date without a time; write a full timestamp such as '{text}T00:00:00Z'"
                : $"'{MessageText.Excerpt(text)}' is not a timestamp; write RFC 3339 with a zone, such as '{Example}' or '2026-11-26 10:42 UTC'";
            return false;
        }

        var zone = match.Groups["zone"].Value;
        if (zone.Length == 0)
        {
            error = $"timestamp '{MessageText.Excerpt(text)}' has no time zone; add 'Z' for UTC (e.g. '{Example}') or an offset such as '+01:00'";
            return false;
        }

        if (!DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            error = $"'{match.Groups["date"].Value}' is not a real date; check the day and month";
            return false;
        }

        if (!IsSupported(date))
        {
            error = OutOfRange(text);
            return false;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            error = $"'{MessageText.Excerpt(text)}' is not a real time of day; use 00:00 to 23:59";
            return false;
        }

        var offset = TimeSpan.Zero;
        if (zone is not ("Z" or "z" or "UTC"))
        {
            var sign = zone[0] == '-' ? -1 : 1;
            var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59)
            {
                error = $"'{zone}' is not a valid offset; use one between -14:00 and +14:00";
                return false;
            }

            offset = sign * new TimeSpan(hours, minutes, 0);
        }

        var ticks = match.Groups["f"].Success
            ? (long)Math.Round(double.Parse("0" + match.Groups["f"].Value, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond)
            : 0;
        value = new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute, second)), offset).AddTicks(ticks).ToUniversalTime();
        error = "";
        return true;
    }

    /// <summary>
    /// Reads the forms nearly every timestamp is written in — <c>2026-11-26T10:42:00Z</c> and <c>2026-11-26 10:42 UTC</c> —
    /// with ASCII digits and a valid date and time, without the regex and culture-aware date parsing that cost
    /// most of reading an update. False for anything else, which the general path then reads or explains.
    /// </summary>
    internal static bool TryParseUtc(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 17 || text[10] is not ('T' or 't' or ' ') || text[13] != ':' || !TryReadDate(text, out var date)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute))
        {
            return false;
        }

        var second = 0;
        var p = 16;
        if (text[p] == ':')
        {
            if (!TryDigits(text, p + 1, 2, out second))
            {
                return false;
            }

            p += 3;
        }

        while (p < text.Length && text[p] == ' ')
        {
            p++;
        }

        if (text.AsSpan(p) is not ("Z" or "z" or "UTC") || hour > 23 || minute > 59 || second > 59 || !IsSupported(date))
        {
            return false;
        }

        value = new DateTimeOffset(date.ToDateTime(new TimeOnly(hour, minute, second)), TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// Reads a valid date written <c>yyyy-MM-dd</c> with ASCII digits at the start of <paramref name="text"/>, as
    /// <see cref="DateOnly.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateOnly)"/> would, but
    /// without its culture-aware comparisons (whose first use alone loads the collation data).
    /// </summary>
    internal static bool TryReadDate(string text, out DateOnly date)
    {
        date = default;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    /// <summary>Parses a calendar date such as <c>2026-12-15</c>.</summary>
    public static bool TryParseDate(string? text, out DateOnly value, out string error)
    {
        text = text?.Trim() ?? "";
        if ((text.Length == 10 && TryReadDate(text, out value)) || TryParseDateAnyForm(text, out value))
        {
            error = IsSupported(value) ? "" : OutOfRange(text);
            return error.Length == 0;
        }

        value = default;
        error = $"'{MessageText.Excerpt(text)}' is not a date; write it as YYYY-MM-DD, such as '2026-12-15'";
        return false;
    }

    /// <summary>Parses a trimmed date as the format allows it (Unicode digits included), culture-aware comparisons and all.</summary>
    internal static bool TryParseDateAnyForm(string text, out DateOnly value)
    {
        value = default;
        return DateOnlyPattern().IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>The heading form used in update headings: <c>2026-11-26 10:42 UTC</c>.</summary>
    public static string ToHeading(DateTimeOffset value) => Fixed(value.UtcDateTime, "yyyy-MM-dd HH:mm UTC");

    /// <summary>The ISO-8601 UTC form used in machine outputs and <c>&lt;time datetime&gt;</c>.</summary>
    public static string ToIso(DateTimeOffset value) => Fixed(value.UtcDateTime, "yyyy-MM-ddTHH:mm:ssZ");

    /// <summary>
    /// A time in a fixed form: each run of y, M, d, H, m, s or f is that field in as many digits
    /// (f: milliseconds), anything else is copied. Every page shows dozens of times; the framework's
    /// pattern interpreter is generic code that ran unoptimized in the compiled tool.
    /// </summary>
    public static string Fixed(DateTime time, string pattern)
    {
        // The date is worked out once: each of DateTime's Year, Month and Day works it out anew.
        time.Deconstruct(out var year, out var month, out var day);
        Span<char> text = stackalloc char[pattern.Length];
        for (var i = 0; i < pattern.Length;)
        {
            var letter = pattern[i];
            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == letter)
            {
                run++;
            }

            var value = letter switch
            {
                'y' => year,
                'M' => month,
                'd' => day,
                'H' => time.Hour,
                'm' => time.Minute,
                's' => time.Second,
                'f' => time.Millisecond,
                _ => -1,
            };
            for (var k = run - 1; k >= 0; k--)
            {
                text[i + k] = value < 0 ? letter : (char)('0' + (value % 10));
                value = value < 0 ? value : value / 10;
            }

            i += run;
        }

        return new string(text);
    }
}
