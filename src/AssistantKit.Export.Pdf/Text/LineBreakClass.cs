namespace AssistantKit.Export.Pdf.Text;

/// <summary>Line_Break values (UAX #14), in the order of the generated tables.</summary>
internal enum LineBreakClass : byte
{
    XX, BK, CR, LF, CM, NL, SG, WJ, ZW, GL, SP, ZWJ, B2, BA, BB, HY, CB, CL, CP, EX, IN, NS, OP, QU, IS, NU, PO, PR, SY, AI, AL, CJ, EB, EM, H2, H3, HL, ID, JL, JV, JT, RI, SA,
}
