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
