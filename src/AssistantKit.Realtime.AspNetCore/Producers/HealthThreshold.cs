namespace AssistantKit.Realtime;

/// <summary>A warning and an error level for one figure; an alert is raised at or above a level and cleared below it.</summary>
/// <param name="warning">The warning level.</param>
/// <param name="error">The error level.</param>
public sealed class HealthThreshold(double warning, double error)
{
    /// <summary>Gets or sets the warning level.</summary>
    public double Warning { get; set; } = warning;

    /// <summary>Gets or sets the error level.</summary>
    public double Error { get; set; } = error;
}
