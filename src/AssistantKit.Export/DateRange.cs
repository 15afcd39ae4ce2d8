namespace AssistantKit.Export;

/// <summary>An inclusive time range; either end may be open.</summary>
/// <param name="Start">The earliest time kept, or <see langword="null"/> for no lower bound.</param>
/// <param name="End">The latest time kept, or <see langword="null"/> for no upper bound.</param>
public readonly record struct DateRange(DateTimeOffset? Start, DateTimeOffset? End)
{
    /// <summary>Returns whether <paramref name="value"/> lies in the range.</summary>
    /// <param name="value">The time.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool Contains(DateTimeOffset value) => (Start is null || value >= Start) && (End is null || value <= End);
}
