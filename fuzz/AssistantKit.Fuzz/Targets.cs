using AssistantKit.Import;
using AssistantKit.Realtime;
using AssistantKit.Serialization;
using AssistantKit.Templates.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Fuzz;

/// <summary>
/// One target per public reader. Each feeds the input to the reader and lets only what the hostile-input contract
/// (docs/hostile-input.md) allows pass: the reader's documented exception. Anything else escapes and is a crash to AFL.
/// </summary>
internal static class Targets
{
    // Instrumented code may only run once SharpFuzz has set up its shared memory (inside Fuzzer.OutOfProcess.Run): lazily.
    private static readonly Lazy<IConversationReader> Reader = new(static () => new ServiceCollection().AddAssistantKitCore().AddImport().Services.BuildServiceProvider().GetRequiredService<IConversationReader>());

    public static readonly Dictionary<string, Action<byte[]>> All = new(StringComparer.Ordinal)
    {
        ["conversation-json"] = static input =>
        {
            try
            {
                ConversationJson.Read(input);
            }
            catch (ConversationFormatException)
            {
            }
        },
        ["import"] = static input =>
        {
            // The reader never throws for bad input: every problem is an item with a ConversationImportException.
            var items = Reader.Value.ReadAsync(new MemoryStream(input), "fuzz.json").ToBlockingEnumerable().ToList();
            if (items.Any(static i => i.Conversation is null && i.Error is null))
            {
                throw new InvalidOperationException("An item has neither a conversation nor an error.");
            }
        },
        ["template-json"] = static input =>
        {
            try
            {
                TemplateJson.Read(input);
            }
            catch (TemplateValidationException)
            {
            }
        },
        ["realtime-server-frame"] = static input => WireFormat.ReadServerFrame(input), // a hostile server's frame: an event or null, never an exception
    };
}
