namespace AssistantKit.Cli.Commands;

/// <summary>The tool's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Everything was converted.</summary>
    public const int Success = 0;

    /// <summary>Some conversations were converted, some failed (each failure is on stderr).</summary>
    public const int PartialFailure = 1;

    /// <summary>Bad usage, or no input could be read at all.</summary>
    public const int BadUsage = 2;
}
