using System.Text;

namespace StatusSite.Model;

/// <summary>Component groups are named in site.yml; their id is the name made into an address-safe slug.</summary>
public static class ComponentGroups
{
    public static string IdOf(string groupName)
    {
        var builder = new StringBuilder(groupName.Length);
        foreach (var c in groupName.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }
}
