namespace AssistantKit.Export.Pdf.Text;

/// <summary>Bidi_Class values (UAX #9), in the order of the generated tables.</summary>
internal enum BidiClass : byte
{
    L, R, AL, EN, ES, ET, AN, CS, NSM, BN, B, S, WS, ON, LRE, LRO, RLE, RLO, PDF, LRI, RLI, FSI, PDI,
}
