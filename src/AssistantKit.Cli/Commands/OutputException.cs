namespace AssistantKit.Cli.Commands;

/// <summary>The output cannot be written as asked, in the tool's own words (the message names the path and what to do).</summary>
internal sealed class OutputException(string message) : IOException(message);
