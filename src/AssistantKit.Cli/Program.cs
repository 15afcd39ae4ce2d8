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

// Nothing from an input file or the command line reaches the terminal as a control sequence.
Console.SetError(new TerminalSafeWriter(Console.Error));
if (!Console.IsOutputRedirected)
{
    Console.SetOut(new TerminalSafeWriter(Console.Out));
}

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

// The contract of every command: success, or a one-line message and exit code 2 (1 when only some items failed); never a
// stack trace. What a command does not handle itself (a read-only or missing output folder, a full disk, a store that
// is a file …) ends here.
try
{
    // Ctrl+C and SIGTERM cancel the command; it gets time to delete what it started (.partial files, spools) before the process ends.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return ExitCodes.PartialFailure;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException or InvalidDataException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return ExitCodes.BadUsage;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"error: unexpected {ex.GetType().Name}: {ex.Message} (please report this: it is a bug in assistantkit)");
    return ExitCodes.BadUsage;
}
