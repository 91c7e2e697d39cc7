using StatusSite.Cli;

return CliApp.Run(args);
