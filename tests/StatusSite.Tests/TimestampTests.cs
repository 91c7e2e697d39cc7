using System.Text;
using StatusSite.Core;

namespace StatusSite.Tests;

/// <summary>The quick reading of the usual UTC forms gives exactly what the general parser gives, and only where it succeeds.</summary>
public sealed class TimestampTests
{
    [Theory]
    [InlineData("2026-11-26T10:42:00Z")]
    [InlineData("2026-11-26 10:42 UTC")]
    [InlineData("2026-11-26t10:42z")]
    [InlineData("2024-02-29T23:59:59Z")]
    [InlineData("1970-01-01 00:00UTC")]
    [InlineData("8999-12-31 23:59Z")]
    public void The_usual_forms_are_read_quickly_and_as_the_general_parser_reads_them(string text)
    {
        Assert.True(Timestamp.TryParseUtc(text, out var quick));
        Assert.True(Timestamp.TryParseAnyForm(text, out var general, out _));
        Assert.Equal((general, general.Offset), (quick, quick.Offset));
    }

    [Fact]
    public void Random_near_timestamps_are_declined_or_read_as_the_general_parser_reads_them()
    {
        // Each part is usually one that can be read quickly, and now and then one that cannot, or not to the same value.
        (string[] Usual, string[] Odd)[] parts =
        [
            // Years outside 1970 to 8999 are refused by both.
            (["2026", "2024", "2100", "1970", "8999"], ["0000", "0001", "1900", "9999", "20\u06636", "202"]),
            (["-"], ["/"]),
            (["01", "02", "04", "11", "12"], ["00", "13", "1"]),
            (["-"], ["/"]),
            (["01", "28", "29", "30", "31"], ["00", "32", "\u0663\u0661"]),
            (["T", "t", " "], ["x", "", "  "]),
            (["00", "09", "23"], ["24", "7", "\u0661\u0662"]),
            ([":"], ["."]),
            (["00", "42", "59"], ["60", "5"]),
            (["", ":00", ":59"], [":60", ":5", ":07.5", ":"]),
            (["Z", "z", "UTC", " UTC", "  Z"], ["", "+01:00", " utc", "Zz", "UTC ", "\u00A0Z", "GMT"]),
        ];
        var random = new Random(20261127);
        var quick = 0;
        for (var n = 0; n < 20000; n++)
        {
            var text = new StringBuilder();
            foreach (var (usual, odd) in parts)
            {
                text.Append(random.Next(8) == 0 ? odd[random.Next(odd.Length)] : usual[random.Next(usual.Length)]);
            }

            if (Timestamp.TryParseUtc(text.ToString(), out var value))
            {
                quick++;
                Assert.True(Timestamp.TryParseAnyForm(text.ToString(), out var general, out _), text.ToString());
                Assert.Equal((general, general.Offset), (value, value.Offset));
            }
        }

        Assert.True(quick > 2000, $"only {quick} timestamps were read quickly");
    }

    [Fact]
    public void Random_near_dates_are_declined_or_read_as_the_general_parser_reads_them()
    {
        (string[] Usual, string[] Odd)[] parts =
        [
            (["2026", "2024", "2100", "1900", "0001", "9999"], ["0000", "20\u06636", "202", "12026"]),
            (["-"], ["/", "--"]),
            (["01", "02", "04", "11", "12"], ["00", "13", "1", "\u0661\u0662"]),
            (["-"], ["/", ""]),
            (["01", "28", "29", "30", "31"], ["00", "32", "3", "\u0663\u0661"]),
        ];
        var random = new Random(20261127);
        var quick = 0;
        for (var n = 0; n < 20000; n++)
        {
            var text = string.Concat(parts.Select(p => random.Next(8) == 0 ? p.Odd[random.Next(p.Odd.Length)] : p.Usual[random.Next(p.Usual.Length)]));
            if (text.Length == 10 && Timestamp.TryReadDate(text, out var date))
            {
                quick++;
                Assert.True(Timestamp.TryParseDateAnyForm(text, out var general), text);
                Assert.Equal(general, date);
            }
        }

        Assert.True(quick > 5000, $"only {quick} dates were read quickly");
    }

    [Fact]
    public void Fixed_forms_are_what_the_framework_formats()
    {
        var random = new Random(20261127);
        (string Fixed, string Framework)[] forms =
        [
            ("yyyy-MM-dd HH:mm UTC", "yyyy-MM-dd HH:mm 'UTC'"),
            ("yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ("yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ("yyyyMMddTHHmmssZ", "yyyyMMdd'T'HHmmss'Z'"),
            ("yyyy-MM-dd", "yyyy-MM-dd"),
        ];
        for (var n = 0; n < 2_000; n++)
        {
            var time = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
            foreach (var (fixedForm, framework) in forms)
            {
                Assert.Equal(time.ToString(framework, System.Globalization.CultureInfo.InvariantCulture), Timestamp.Fixed(time, fixedForm));
            }
        }
    }
}
