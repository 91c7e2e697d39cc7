using Spectre.Console.Cli;
using StatusSite.Cli;

return CliApp.Run(args);
