using System.Buffers.Binary;

namespace AssistantKit.Export.Pdf.Layout;

/// <summary>
/// Shrinks a TrueType font to the glyphs a document uses, keeping glyph ids, metrics and the character map, so that text
/// laid out with the full font draws the same with the subset. Skia embeds fonts whole when it has no subsetter of its
/// own; this keeps a PDF with a few pages at tens of kilobytes instead of megabytes. Fonts that are not TrueType
/// (CFF outlines, which Skia draws as Type 3 glyphs) are returned unchanged.
/// </summary>
internal static class FontSubsetter
{
    private static readonly HashSet<string> KeptTables = ["cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "cvt ", "fpgm", "prep", "gasp"];

    /// <summary>Subsets face <paramref name="index"/> of a font file or collection; returns <paramref name="font"/> itself when it cannot.</summary>
    public static byte[] Subset(byte[] font, IEnumerable<ushort> glyphs, int index = 0)
    {
        var directory = 0;
        if (font.Length >= 12 && BinaryPrimitives.ReadUInt32BigEndian(font) == 0x74746366)
        {
            // A collection ('ttcf'): the face's table directory is listed in the header; table offsets are from the file start.
            if (index >= BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(8)))
            {
                return font;
            }

            directory = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(12 + (index * 4)));
        }

        if (font.Length < directory + 12 || BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(directory)) is not (0x00010000 or 0x74727565))
        {
            return font;
        }

        var tables = ReadDirectory(font, directory);
        if (!tables.TryGetValue("glyf", out var glyf) || !tables.TryGetValue("loca", out var loca) || !tables.TryGetValue("head", out var head) || !tables.TryGetValue("maxp", out var maxp))
        {
            return font;
        }

        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(maxp.Offset + 4));
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(head.Offset + 50)) == 1;
        int Offset(int glyph) => longOffsets
            ? (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca.Offset + (glyph * 4)))
            : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(loca.Offset + (glyph * 2))) * 2;

        // The glyphs used, with the components of composite glyphs.
        var keep = new HashSet<int> { 0 };
        var pending = new Stack<int>(glyphs.Select(g => (int)g).Where(g => g < numGlyphs));
        while (pending.TryPop(out var glyph))
        {
            if (!keep.Add(glyph) && glyph != 0)
            {
                continue;
            }

            var start = glyf.Offset + Offset(glyph);
            if (Offset(glyph + 1) - Offset(glyph) < 10 || BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(start)) >= 0)
            {
                continue;
            }

            var position = start + 10;
            ushort flags;
            do
            {
                flags = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(position));
                var component = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(position + 2));
                if (component < numGlyphs && !keep.Contains(component))
                {
                    pending.Push(component);
                }

                position += 4 + ((flags & 0x0001) != 0 ? 4 : 2) + ((flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0);
            }
            while ((flags & 0x0020) != 0);
        }

        // New glyf and loca (long offsets): unused glyphs become empty.
        var newGlyf = new MemoryStream();
        var newLoca = new byte[(numGlyphs + 1) * 4];
        for (var glyph = 0; glyph < numGlyphs; glyph++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(glyph * 4), (uint)newGlyf.Length);
            if (keep.Contains(glyph))
            {
                newGlyf.Write(font, glyf.Offset + Offset(glyph), Offset(glyph + 1) - Offset(glyph));
                while (newGlyf.Length % 4 != 0)
                {
                    newGlyf.WriteByte(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(numGlyphs * 4), (uint)newGlyf.Length);

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["glyf"] = newGlyf.ToArray(),
            ["loca"] = newLoca,
            ["post"] = PostFormat3(font, tables),
        };
        foreach (var (tag, table) in tables.Where(t => KeptTables.Contains(t.Key)))
        {
            output[tag] = font.AsSpan(table.Offset, table.Length).ToArray();
        }

        BinaryPrimitives.WriteInt16BigEndian(output["head"].AsSpan(50), 1);
        return Write(output);
    }

    /// <summary>The post table without glyph names (format 3): the names are not needed to draw, and are large.</summary>
    private static byte[] PostFormat3(byte[] font, Dictionary<string, (int Offset, int Length)> tables)
    {
        var post = new byte[32];
        if (tables.TryGetValue("post", out var original) && original.Length >= 32)
        {
            font.AsSpan(original.Offset, 32).CopyTo(post);
        }

        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);
        return post;
    }

    private static Dictionary<string, (int Offset, int Length)> ReadDirectory(byte[] font, int directory)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(directory + 4));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = directory + 12 + (i * 16);
            var tag = System.Text.Encoding.ASCII.GetString(font, record, 4);
            tables[tag] = ((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8)), (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12)));
        }

        return tables;
    }

    private static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var power = 1;
        var log = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log++;
        }

        var headerLength = 12 + (count * 16);
        var total = headerLength + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var result = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(result, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(6), (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(8), (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(result.AsSpan(10), (ushort)((count * 16) - (power * 16)));
        var offset = headerLength;
        var index = 0;
        var headOffset = 0;
        foreach (var (tag, data) in tables)
        {
            if (tag == "head")
            {
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), 0);
                headOffset = offset;
            }

            var record = 12 + (index++ * 16);
            System.Text.Encoding.ASCII.GetBytes(tag, result.AsSpan(record, 4));
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(record + 4), Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(record + 8), (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(record + 12), (uint)data.Length);
            data.CopyTo(result, offset);
            offset += (data.Length + 3) & ~3;
        }

        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(headOffset + 8), 0xB1B0AFBA - Checksum(result));
        return result;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        Span<byte> word = stackalloc byte[4];
        for (var i = 0; i < data.Length; i += 4)
        {
            word.Clear();
            data.Slice(i, Math.Min(4, data.Length - i)).CopyTo(word);
            sum += BinaryPrimitives.ReadUInt32BigEndian(word);
        }

        return sum;
    }
}
