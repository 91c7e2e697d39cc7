using System.Reflection;
using Spectre.Console.Cli;
using StatusSite.Core;

namespace StatusSite.Cli;

/// <summary>
/// Refuses what a command does not take, so a misspelt option never runs the command with its
/// default (<c>build --ouput site</c> would write _site/). Spectre's own strict parsing refuses them
/// too, but its error names neither the command nor its options; here the settings type is known,
/// so the error can say "did you mean '--output'?".
/// </summary>
internal sealed class UnknownOptions : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        // "new incident": the words up to the command's own name.
        var command = string.Join(' ', context.Arguments.TakeWhile(a => a != context.Name).Append(context.Name));
        var unknown = context.Remaining.Parsed.Select(g => g.Key).FirstOrDefault();
        if (unknown is not null)
        {
            throw new UsageException($"unknown option '{unknown}'{MessageText.DidYouMean(unknown, LongNames(settings.GetType()))}; see 'statussite {command} --help' for the options it takes");
        }

        if (context.Remaining.Raw.Count > 0)
        {
            throw new UsageException($"unexpected argument '{context.Remaining.Raw[0]}'; see 'statussite {command} --help' for the arguments it takes");
        }
    }

    private static IEnumerable<string> LongNames(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(o => o.LongNames)
            .Select(name => "--" + name);
}
