using System.Text.Json;

namespace AssistantKit.Import;

/// <summary>
/// Reads one product's export format. Register one with <c>builder.AddImporter&lt;T&gt;()</c>; the reader picks it by
/// <see cref="Format"/> or by <see cref="Detect"/>.
/// </summary>
/// <remarks>
/// The reader does the I/O: it streams top-level arrays one element at a time (memory bounded by the largest
/// conversation, not the file) and hands each conversation's JSON to <see cref="Read"/>. Exceptions thrown by
/// <see cref="Read"/> fail that one conversation; the others go on. Implementations must be thread-safe.
/// </remarks>
public interface IConversationImporter
{
    /// <summary>Gets the format key (lower case, for example <c>chatgpt</c>).</summary>
    string Format { get; }

    /// <summary>Gets the product and file the format comes from, for people (for example <c>ChatGPT data export (conversations.json)</c>).</summary>
    string Description { get; }

    /// <summary>
    /// Gets a value indicating whether a top-level JSON array holds one conversation per element (read one element at a
    /// time), rather than being one conversation itself (a list of messages).
    /// </summary>
    bool ArrayHoldsConversations { get; }

    /// <summary>Returns how sure the importer is that the input is its format, from a shape summary of the input's start.</summary>
    /// <param name="shape">The top-level kind and the property names of the first object.</param>
    /// <returns>0 for no, up to 100 for certain.</returns>
    int Detect(JsonShape shape);

    /// <summary>Reads the conversations in one JSON value: one element of a top-level array, or the whole document.</summary>
    /// <param name="value">The JSON value.</param>
    /// <param name="context">Where the value comes from, the options, and a way to report errors with a JSON path.</param>
    /// <returns>The conversations (usually one; a document may hold several).</returns>
    IEnumerable<Conversation> Read(JsonElement value, ImportContext context);
}

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

/// <summary>Where the JSON an importer reads comes from.</summary>
public sealed class ImportContext
{
    internal ImportContext(string? fileName, int index, string basePath, ImportOptions options)
    {
        FileName = fileName;
        Index = index;
        BasePath = basePath;
        Options = options;
    }

    /// <summary>Gets the file name, or <see langword="null"/>.</summary>
    public string? FileName { get; }

    /// <summary>Gets the 0-based index of the value in its file.</summary>
    public int Index { get; }

    /// <summary>Gets the JSON path of the value in its file (<c>$</c> or <c>$[3]</c>).</summary>
    public string BasePath { get; }

    /// <summary>Gets the import options.</summary>
    public ImportOptions Options { get; }

    /// <summary>Gets a name for a conversation without an id: the file name without extension and the index.</summary>
    public string FallbackId => $"{Path.GetFileNameWithoutExtension(FileName ?? "conversation")}-{Index + 1}";

    /// <summary>Creates the exception for bad input at <paramref name="relativePath"/> (for example <c>.mapping["a1"].message</c>).</summary>
    /// <param name="reason">What is wrong.</param>
    /// <param name="relativePath">The path below <see cref="BasePath"/>.</param>
    /// <returns>The exception to throw.</returns>
    public ConversationImportException Error(string reason, string relativePath = "") =>
        new(reason, FileName, Index, BasePath + relativePath, null, null);
}
