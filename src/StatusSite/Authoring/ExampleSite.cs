using System.Globalization;
using System.Text.RegularExpressions;

namespace StatusSite.Authoring;

/// <summary>
/// The sample site as a demo that looks right on any day: its content is written for one moment
/// (<see cref="WrittenFor"/>: ten minutes after the open incident's latest update, twenty before the
/// next one it promises), and every date and time in it, file names and prose included, is moved by
/// the same span to the present.
/// </summary>
public static partial class ExampleSite
{
    /// <summary>The moment the sample content is written for.</summary>
    public static readonly DateTimeOffset WrittenFor = new(2026, 11, 26, 22, 20, 0, TimeSpan.Zero);

    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    /// <summary>The span that moves the sample to <paramref name="now"/>, to the whole minute.</summary>
    public static TimeSpan ShiftTo(DateTimeOffset now) =>
        TimeSpan.FromMinutes(Math.Floor((now - WrittenFor).TotalMinutes));

    /// <summary>
    /// Moves every timestamp ('2026-11-26 22:10 UTC', '2026-11-26T20:58:00Z'), date ('2026-11-26', as in ids),
    /// day of a month ('14 October') and time of day in prose ('from 02:00 to 04:00 UTC') in a text.
    /// </summary>
    public static string Shift(string text, TimeSpan by)
    {
        text = TimesOfDay().Replace(text, m =>
            (TimeSpan.ParseExact(m.Value, @"hh\:mm", CultureInfo.InvariantCulture) + TimeSpan.FromMinutes(((by.TotalMinutes % 1440) + 1440) % 1440))
                .ToString(@"hh\:mm", CultureInfo.InvariantCulture));
        text = Timestamps().Replace(text, m =>
        {
            var date = DateTime.ParseExact(m.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!m.Groups["time"].Success)
            {
                return ShiftDate(date, by).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            var format = m.Groups["seconds"].Success ? "HH:mm:ss" : "HH:mm";
            var at = date + TimeSpan.ParseExact(m.Groups["time"].Value, format == "HH:mm" ? @"hh\:mm" : @"hh\:mm\:ss", CultureInfo.InvariantCulture) + by;
            return at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + m.Groups["sep"].Value + at.ToString(format, CultureInfo.InvariantCulture);
        });
        return DaysOfMonth().Replace(text, m =>
        {
            var month = Array.IndexOf(Months, m.Groups["month"].Value) + 1;
            var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
            if (day > DateTime.DaysInMonth(WrittenFor.Year, month))
            {
                return m.Value;
            }

            var shifted = ShiftDate(new DateTime(WrittenFor.Year, month, day), by);
            return shifted.Day.ToString(CultureInfo.InvariantCulture) + " " + Months[shifted.Month - 1];
        });
    }

    /// <summary>A content file's path moved too: 'incidents/2026/2026-11-26-api-errors.md' keeps its year folder in step with its date.</summary>
    public static string ShiftPath(string relativePath, TimeSpan by)
    {
        var segments = relativePath.Replace('\\', '/').Split('/');
        segments[^1] = Shift(segments[^1], by);
        if (segments.Length >= 3 && YearFolder().IsMatch(segments[^2]) && segments[^1].Length >= 4 && YearFolder().IsMatch(segments[^1][..4]))
        {
            segments[^2] = segments[^1][..4];
        }

        return string.Join('/', segments);
    }

    /// <summary>A date alone moves with the time of day it would have at midnight, so a file's date and its first update's stay close.</summary>
    private static DateTime ShiftDate(DateTime date, TimeSpan by) => (date + by).Date;

    [GeneratedRegex(@"(?<![\d])(?<date>\d{4}-\d{2}-\d{2})(?:(?<sep>[T ])(?<time>\d{2}:\d{2}(?<seconds>:\d{2})?))?(?![\d])")]
    private static partial Regex Timestamps();

    /// <summary>A time of day standing alone: not the time of a timestamp, nor a zone offset, nor part of a longer time.</summary>
    [GeneratedRegex(@"(?<!\d{4}-\d{2}-\d{2}[T ])(?<![\d:+-])([01]\d|2[0-3]):[0-5]\d(?![\d:])")]
    private static partial Regex TimesOfDay();

    [GeneratedRegex(@"\b(?<day>[1-9]|[12]\d|3[01]) (?<month>January|February|March|April|May|June|July|August|September|October|November|December)\b")]
    private static partial Regex DaysOfMonth();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearFolder();
}
