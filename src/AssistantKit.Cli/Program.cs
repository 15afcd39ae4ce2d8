using System.CommandLine;
using AssistantKit.Cli.Commands;

// assistantkit <command> …: export, formats, templates, realtime.
var root = new RootCommand("AssistantKit: convert AI assistant conversations between the formats people have and the ones they need, browse templates, and listen to or serve realtime dashboard events.")
{
    ExportCommand.Create(),
    FormatsCommand.Create(),
    TemplatesCommand.Create(),
    RealtimeCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'assistantkit --help' for usage.");
    return ExitCodes.BadUsage;
}

return await parse.InvokeAsync().ConfigureAwait(false);
