namespace AssistantKit.Export.Pdf.Text;

/// <summary>Grapheme_Cluster_Break values (UAX #29), in the order of the generated tables.</summary>
internal enum GraphemeClass : byte
{
    Other, CR, LF, Control, Extend, ZWJ, RegionalIndicator, Prepend, SpacingMark, L, V, T, LV, LVT,
}
