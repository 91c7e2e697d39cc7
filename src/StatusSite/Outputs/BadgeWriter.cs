using System.Globalization;
using System.Text;
using System.Xml;
using StatusSite.Model;

namespace StatusSite.Outputs;

/// <summary>
/// Shields-style status badges (SVG, written through XmlWriter): a grey label and the status in words on a coloured
/// field, with a &lt;title&gt; for screen readers and tooltips. Colours keep white text at a 4.5:1 contrast or better.
/// </summary>
public static class BadgeWriter
{
    private const int Height = 20;
    private const int Padding = 6;
    private const string Font = "Verdana,DejaVu Sans,Geneva,sans-serif";
    private const string LabelColour = "#555555";

    /// <summary>The badge of a status: its label, the status in words, and the colour of the status.</summary>
    public static byte[] Badge(string label, string message, ComponentStatus status, string title)
    {
        var colour = status switch
        {
            ComponentStatus.MajorOutage => "#b3261e",
            ComponentStatus.PartialOutage => "#a8400b",
            ComponentStatus.DegradedPerformance => "#8a5a00",
            ComponentStatus.UnderMaintenance => "#1f5fa8",
            _ => "#1e7b34",
        };
        var labelWidth = Width(label) + (2 * Padding);
        var messageWidth = Width(message) + (2 * Padding);
        var width = labelWidth + messageWidth;

        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true, Indent = true, NewLineChars = "\n" };
        using (var w = XmlWriter.Create(stream, settings))
        {
            const string svg = "http://www.w3.org/2000/svg";
            w.WriteStartElement("svg", svg);
            w.WriteAttributeString("width", Number(width));
            w.WriteAttributeString("height", Number(Height));
            w.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(Height)}");
            w.WriteAttributeString("role", "img");
            w.WriteAttributeString("aria-label", title);
            w.WriteElementString("title", svg, title);
            Rect(w, 0, labelWidth, LabelColour);
            Rect(w, labelWidth, messageWidth, colour);
            w.WriteStartElement("g", svg);
            w.WriteAttributeString("fill", "#ffffff");
            w.WriteAttributeString("text-anchor", "middle");
            w.WriteAttributeString("font-family", Font);
            w.WriteAttributeString("font-size", "11");
            Text(w, labelWidth / 2, label);
            Text(w, labelWidth + (messageWidth / 2), message);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void Rect(XmlWriter w, double x, double width, string fill)
    {
        w.WriteStartElement("rect", "http://www.w3.org/2000/svg");
        w.WriteAttributeString("x", Number(x));
        w.WriteAttributeString("width", Number(width));
        w.WriteAttributeString("height", Number(Height));
        w.WriteAttributeString("fill", fill);
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, double x, string text)
    {
        w.WriteStartElement("text", "http://www.w3.org/2000/svg");
        w.WriteAttributeString("x", Number(x));
        w.WriteAttributeString("y", "14");
        w.WriteString(text);
        w.WriteEndElement();
    }

    /// <summary>
    /// Text width at 11 px Verdana, estimated per character class: no font is measured at build time, so output
    /// stays the same on every machine. Generous, so text never overflows its field.
    /// </summary>
    private static double Width(string text)
    {
        double width = 0;
        foreach (var c in text)
        {
            width += c switch
            {
                'i' or 'l' or 'j' or '.' or ',' or ':' or ';' or '!' or '|' or '\'' or 'I' => 3.6,
                ' ' or 'f' or 't' or 'r' or '(' or ')' or '-' => 5,
                'm' or 'w' or 'M' or 'W' => 10.5,
                _ when char.IsUpper(c) || char.IsDigit(c) => 7.6,
                _ => 6.9,
            };
        }

        return Math.Ceiling(width);
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
