namespace AssistantKit.Export;

/// <summary>The options of an export are invalid; the message lists the valid values.</summary>
public sealed class ExportOptionsException : ArgumentException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What is wrong and what is valid.</param>
    /// <param name="paramName">The option at fault (for example <c>Format</c>).</param>
    public ExportOptionsException(string message, string paramName)
        : base(message, paramName)
    {
    }
}
