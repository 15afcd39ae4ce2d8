using System.ComponentModel.DataAnnotations;

namespace AssistantKit.Realtime;

/// <summary>A warning and an error level for one figure; an alert is raised at or above a level and cleared below it.</summary>
/// <param name="warning">The warning level.</param>
/// <param name="error">The error level.</param>
public sealed class HealthThreshold(double warning, double error) : IValidatableObject
{
    /// <summary>Gets or sets the warning level.</summary>
    [Range(0d, double.MaxValue)]
    public double Warning { get; set; } = warning;

    /// <summary>Gets or sets the error level.</summary>
    [Range(0d, double.MaxValue)]
    public double Error { get; set; } = error;

    /// <summary>The warning level must not lie above the error level.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Warning > Error)
        {
            // The generated validator names the member "SystemHealthOptions.Cpu.Validate": the threshold is the part before ".Validate".
            var threshold = validationContext.DisplayName.Replace(".Validate", "", StringComparison.Ordinal);
            yield return new ValidationResult($"{threshold}: Warning ({Warning}) must not be above Error ({Error}).", [nameof(Warning)]);
        }
    }
}
