using System.Collections.Frozen;
using System.Text.Json;

namespace AssistantKit.Realtime;

/// <summary>
/// Which event types a connection receives: all (<see cref="Included"/> is <see langword="null"/>) except <see cref="Excluded"/>,
/// or only <see cref="Included"/>. Immutable; a connection swaps it whole.
/// </summary>
internal sealed record TypeFilter(FrozenSet<string>? Included, FrozenSet<string> Excluded)
{
    public static TypeFilter All { get; } = new(null, FrozenSet<string>.Empty);

    public static TypeFilter From(IReadOnlySet<string>? types) => types is null ? All : new(types.ToFrozenSet(StringComparer.Ordinal), FrozenSet<string>.Empty);

    /// <summary>Gets how many types the filter names (included and excluded).</summary>
    public int Count => (Included?.Count ?? 0) + Excluded.Count;

    public bool Accepts(string type) => (Included is null || Included.Contains(type)) && !Excluded.Contains(type);

    /// <summary>The first subscribe on "all" narrows the stream to the listed types; later ones add to them.</summary>
    public TypeFilter Subscribe(IReadOnlyCollection<string> types) => Included is null && Excluded.Count > 0
        ? this with { Excluded = Excluded.Except(types).ToFrozenSet(StringComparer.Ordinal) }
        : new((Included ?? FrozenSet<string>.Empty).Union(types).ToFrozenSet(StringComparer.Ordinal), FrozenSet<string>.Empty);

    public TypeFilter Unsubscribe(IReadOnlyCollection<string> types) => Included is null
        ? this with { Excluded = Excluded.Union(types).ToFrozenSet(StringComparer.Ordinal) }
        : this with { Included = Included.Except(types).ToFrozenSet(StringComparer.Ordinal) };

    public void Write(Utf8JsonWriter writer)
    {
        WireFormat.WriteTypes(writer, Included);
        writer.WritePropertyName("except"u8);
        writer.WriteStartArray();
        foreach (var type in Excluded.Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(type);
        }

        writer.WriteEndArray();
    }
}
