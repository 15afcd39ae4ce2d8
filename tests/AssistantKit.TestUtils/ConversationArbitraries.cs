using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace AssistantKit.TestUtils;

/// <summary>FsCheck generators for the conversation model, used by property tests: <c>[Property(Arbitrary = [typeof(ConversationArbitraries)])]</c>.</summary>
public static class ConversationArbitraries
{
    private static readonly string[] Samples =
    [
        "", "Hello", "Grüße aus Köln", "Привет, мир", "こんにちは世界", "مرحبا", "Γειά σου", "😀 emoji 👍🏽",
        "line one\nline two\r\nline three", "```csharp\nvar x = 1;\n```", "<script>alert(1)</script>", "=HYPERLINK(\"x\")",
        "-5", "\"quoted\", comma", "tab\there", "# heading\n---\n~~~", "\u0001\u001f control",
    ];

    /// <summary>Strings that are valid UTF-16: samples that exercise every output format, and arbitrary ones.</summary>
    public static Gen<string> Text { get; } = Gen.OneOf(
        Gen.Elements(Samples),
        ArbMap.Default.GeneratorFor<string>().Where(static s => s is not null).Select(ValidUtf16));

    /// <summary>Optional strings.</summary>
    public static Gen<string?> OptionalText { get; } = Gen.OneOf(Gen.Constant<string?>(null), Text.Select(static s => (string?)s));

    /// <summary>Timestamps with whole-second to tick precision and offsets from −12 h to +14 h.</summary>
    public static Gen<DateTimeOffset?> Timestamp { get; } =
        from ticks in Gen.Choose(0, int.MaxValue)
        from extra in Gen.Choose(0, 9_999_999)
        from offsetMinutes in Gen.Choose(-12 * 4, 14 * 4)
        from isNull in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        select isNull ? (DateTimeOffset?)null
            : new DateTimeOffset(new DateTime(2020, 1, 1).AddSeconds(ticks / 10.0).AddTicks(extra).Ticks, TimeSpan.FromMinutes(offsetMinutes * 15));

    /// <summary>Metadata dictionaries with JSON values of every kind.</summary>
    public static Gen<IReadOnlyDictionary<string, JsonElement>> Metadata { get; } =
        Gen.ListOf(Gen.Zip(Text, Gen.OneOf(
            Text.Select(static s => JsonSerializer.SerializeToElement(s)),
            Gen.Choose(-1000, 1000).Select(static n => JsonSerializer.SerializeToElement(n)),
            Gen.Constant(JsonDocument.Parse("""{"nested":[1,true,null,"x"]}""").RootElement.Clone()))))
        .Select(static pairs =>
        {
            // Keys differ by more than case: Microsoft.Extensions.AI.AdditionalPropertiesDictionary is case-insensitive.
            var dictionary = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in pairs.Take(4))
            {
                dictionary[key] = value;
            }

            return (IReadOnlyDictionary<string, JsonElement>)dictionary;
        });

    /// <summary>Message parts of every kind.</summary>
    public static Gen<MessagePart> Part { get; } = Gen.OneOf(
        from language in OptionalText
        from code in Text
        select (MessagePart)new CodePart { Language = language, Code = code },
        from callId in Text
        from name in Text
        from arguments in OptionalText
        select (MessagePart)new ToolCallPart { CallId = callId, Name = name, Arguments = arguments },
        from callId in Text
        from result in OptionalText
        from isError in ArbMap.Default.GeneratorFor<bool>()
        select (MessagePart)new ToolResultPart { CallId = callId, Result = result, IsError = isError },
        Text.Select(static t => (MessagePart)new ReasoningPart { Text = t }),
        from name in OptionalText
        from mediaType in Gen.Elements<string?>(null, "image/png", "application/pdf")
        from kind in Gen.Elements(0, 1, 2)
        select (MessagePart)new AttachmentPart
        {
            Name = name,
            MediaType = mediaType,
            Uri = kind == 1 ? new Uri("https://example.com/files/a.png") : null,
            Data = kind == 2 ? new byte[] { 1, 2, 3, 250 } : null,
        });

    /// <summary>Messages with every field populated or absent.</summary>
    public static Gen<ConversationMessage> Message { get; } =
        from id in Text
        from parentId in OptionalText
        from role in Gen.Elements(MessageRole.System, MessageRole.User, MessageRole.Assistant, MessageRole.Tool)
        from authorName in OptionalText
        from content in Text
        from parts in Gen.ListOf(Part).Select(static p => p.Take(3).ToArray())
        from createdAt in Timestamp
        from model in OptionalText
        from usage in Gen.Elements<TokenUsage?>(null, new TokenUsage { InputTokens = 12, OutputTokens = 340, TotalTokens = 352 }, new TokenUsage { OutputTokens = 5 })
        from metadata in Metadata
        select new ConversationMessage
        {
            Id = id,
            ParentId = parentId,
            Role = role,
            AuthorId = authorName is null ? null : "p-" + authorName.Length,
            AuthorName = authorName,
            Content = content,
            Parts = parts,
            CreatedAt = createdAt,
            Model = model,
            Usage = usage,
            Metadata = metadata,
        };

    /// <summary>Conversations with participants, metadata and up to 20 messages.</summary>
    public static Gen<Conversation> ConversationGen { get; } =
        from id in Text
        from title in OptionalText
        from createdAt in Timestamp
        from updatedAt in Timestamp
        from model in OptionalText
        from participants in Gen.ListOf(Gen.Zip(Text, OptionalText)).Select(static list => list.Take(3).Select(static (p, i) => new Participant { Id = "p" + i, Name = p.Item2, Email = p.Item1.Length % 2 == 0 ? "a@example.com" : null }).ToArray())
        from metadata in Metadata
        from messages in Gen.ListOf(Message).Select(static m => m.Take(20).ToArray())
        select new Conversation
        {
            Id = id,
            Title = title,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            DefaultModel = model,
            Participants = participants,
            Metadata = metadata,
            Messages = messages,
        };

    /// <summary>The arbitrary for <see cref="AssistantKit.Conversation"/>.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Conversation> Conversation() => ConversationGen.ToArbitrary();

    /// <summary>The arbitrary for <see cref="ConversationMessage"/>.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ConversationMessage> ConversationMessage() => Message.ToArbitrary();

    private static string ValidUtf16(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
