namespace AssistantKit.Import;

/// <summary>What the start of an input looks like: enough to detect its format without reading it whole.</summary>
/// <param name="IsArray">Whether the document is a JSON array (the properties are then those of its first element).</param>
/// <param name="Properties">The property names of the first object.</param>
/// <param name="NestedProperties">Property names one level further down (of objects and of the first element of arrays), as <c>parent.child</c>.</param>
public sealed record JsonShape(bool IsArray, IReadOnlySet<string> Properties, IReadOnlySet<string> NestedProperties)
{
    /// <summary>Returns whether the first object has every one of <paramref name="names"/>.</summary>
    /// <param name="names">The property names.</param>
    /// <returns><see langword="true"/> when all are present.</returns>
    public bool Has(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!Properties.Contains(name) && !NestedProperties.Contains(name))
            {
                return false;
            }
        }

        return true;
    }
}
