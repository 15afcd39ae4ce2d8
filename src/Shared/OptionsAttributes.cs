using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AssistantKit;

/// <summary>A <see cref="TimeSpan"/> option of at least <c>milliseconds</c> (1 for "positive", 0 for "not negative"). Trimming-safe, unlike <c>[Range(typeof(TimeSpan), …)]</c>.</summary>
/// <remarks>Shared source: compiled into each package that validates options with the source-generated validator.</remarks>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class MinimumDurationAttribute(double milliseconds) : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not TimeSpan duration || duration.TotalMilliseconds >= milliseconds;

    public override string FormatErrorMessage(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {TimeSpan.FromMilliseconds(milliseconds)}.");
}

/// <summary>A <see cref="Uri"/> option that, when set, is absolute with one of the given schemes.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsoluteUrlAttribute(params string[] schemes) : ValidationAttribute
{
    /// <summary>"ws, wss, http or https".</summary>
    public string Schemes => schemes.Length == 1 ? schemes[0] : $"{string.Join(", ", schemes[..^1])} or {schemes[^1]}";

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not Uri uri || (uri.IsAbsoluteUri && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName} '{uri}' must be an absolute {Schemes} URL.", validationContext.MemberName is { } member ? [member] : null);
}

/// <summary>A directory option that, when set, names a directory that exists.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ExistingDirectoryAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string directory || Directory.Exists(directory)
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName} '{directory}' does not exist; create it or leave the option unset.", validationContext.MemberName is { } member ? [member] : null);
}

/// <summary>A path option that, when set, is not empty and has no character the file system forbids.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ValidPathAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string path || (path.Length > 0 && path.IndexOfAny(Path.GetInvalidPathChars()) < 0)
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName} '{path}' is not a valid path.", validationContext.MemberName is { } member ? [member] : null);
}
