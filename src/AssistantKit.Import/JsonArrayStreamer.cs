using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AssistantKit.Import;

/// <summary>
/// Splits a top-level JSON array into its elements while reading the stream, so memory is bounded by the largest
/// element, not the file. Every element completed before malformed JSON is delivered; the error comes last, with its line.
/// </summary>
internal static class JsonArrayStreamer
{
    public readonly record struct Element(int Index, JsonDocument? Document, JsonException? Error);

    public static async IAsyncEnumerable<Element> ReadAsync(Stream stream, int maxDepth, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int end = 0, readFrom = 0, elementStart = -1, index = 0;
        var isFinal = false;
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = maxDepth + 1, CommentHandling = JsonCommentHandling.Skip });
        var skippedBom = false;
        while (true)
        {
            var found = new List<Element>();
            JsonException? error = null;
            try
            {
                Scan(buffer.AsSpan(readFrom, end - readFrom), isFinal, ref state, ref readFrom, ref elementStart, ref index, buffer, found);
            }
            catch (JsonException ex)
            {
                error = ex;
            }

            foreach (var element in found)
            {
                yield return element;
            }

            if (error is not null)
            {
                yield return new Element(index, null, error);
                yield break;
            }

            if (isFinal)
            {
                yield break;
            }

            // Keep the element in progress (or nothing), then read more.
            var keepFrom = elementStart >= 0 ? elementStart : readFrom;
            Buffer.BlockCopy(buffer, keepFrom, buffer, 0, end - keepFrom);
            end -= keepFrom;
            readFrom -= keepFrom;
            elementStart = elementStart >= 0 ? elementStart - keepFrom : -1;
            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            end += read;
            isFinal = read == 0;
            if (!skippedBom && end >= 3)
            {
                skippedBom = true;
                if (buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF && readFrom == 0)
                {
                    readFrom = 3;
                }
            }
        }
    }

    private static void Scan(ReadOnlySpan<byte> span, bool isFinal, ref JsonReaderState state, ref int readFrom, ref int elementStart, ref int index, byte[] buffer, List<Element> found)
    {
        var reader = new Utf8JsonReader(span, isFinal, state);
        var origin = readFrom;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 0)
            {
                if (reader.TokenType != JsonTokenType.StartArray && reader.TokenType != JsonTokenType.EndArray)
                {
                    throw new JsonException("Expected a JSON array of conversations.");
                }

                continue;
            }

            if (reader.CurrentDepth != 1)
            {
                continue;
            }

            var absolute = origin + (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                elementStart = absolute;
                continue;
            }

            var start = reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray ? elementStart : absolute;
            var stop = origin + (int)reader.BytesConsumed;
            found.Add(new Element(index++, JsonDocument.Parse(buffer.AsSpan(start, stop - start).ToArray()), null));
            elementStart = -1;
        }

        readFrom = origin + (int)reader.BytesConsumed;
        state = reader.CurrentState;
    }
}
