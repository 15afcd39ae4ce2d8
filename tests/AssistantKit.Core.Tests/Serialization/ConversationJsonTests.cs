using System.Text;
using System.Text.Json;
using AssistantKit.Serialization;
using AssistantKit.TestUtils;
using FsCheck.Xunit;

namespace AssistantKit.Core.Tests.Serialization;

public sealed class ConversationJsonTests
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.FromHours(1));

    private static Conversation FullConversation() => new()
    {
        Id = "c-1",
        Title = "Grüße — Привет",
        CreatedAt = Noon,
        UpdatedAt = Noon.AddMinutes(5),
        DefaultModel = "gpt-4o",
        Participants = [new Participant { Id = "u1", Name = "Ada", Email = "ada@example.com", Role = MessageRole.User }],
        Metadata = new Dictionary<string, JsonElement> { ["source"] = JsonSerializer.SerializeToElement("test") },
        Messages =
        [
            new ConversationMessage { Id = "m1", Role = MessageRole.User, AuthorId = "u1", AuthorName = "Ada", Content = "Hi **there**", CreatedAt = Noon },
            new ConversationMessage
            {
                Id = "m2",
                ParentId = "m1",
                Role = MessageRole.Assistant,
                Content = "Here:",
                Parts =
                [
                    new CodePart { Language = "python", Code = "print(1)" },
                    new ToolCallPart { CallId = "call1", Name = "search", Arguments = "{\"q\":\"x\"" },
                    new ToolResultPart { CallId = "call1", Result = "[]", IsError = true },
                    new ReasoningPart { Text = "thinking" },
                    new AttachmentPart { Name = "a.png", MediaType = "image/png", Data = new byte[] { 1, 2, 3 } },
                ],
                CreatedAt = Noon.AddSeconds(3),
                Model = "gpt-4o",
                Usage = new TokenUsage { InputTokens = 10, OutputTokens = 20, TotalTokens = 30 },
            },
        ],
    };

    [Property(Arbitrary = [typeof(ConversationArbitraries)], MaxTest = 200)]
    public bool Serialize_ThenDeserialize_IsLossless(Conversation conversation)
    {
        var json = ConversationJson.Serialize(conversation);
        var back = ConversationJson.Deserialize(json);
        return ConversationAssert.StructurallyEqual(conversation, back) && ConversationJson.Serialize(back) == json;
    }

    [Property(Arbitrary = [typeof(ConversationArbitraries)], MaxTest = 200)]
    public bool WriteMessage_MatchesTheContractSerializer(ConversationMessage message)
    {
        // The document writer writes messages by hand for speed; it must agree with the source-generated contract byte for byte.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ConversationJson.WriterOptions))
        {
            var document = new ConversationJsonWriter(writer);
            document.WriteStart(new Conversation { Id = "c" });
            document.WriteMessage(message);
            document.WriteEnd();
        }

        var written = Encoding.UTF8.GetString(buffer.WrittenSpan);
        var expected = "{\"schemaVersion\":1,\"id\":\"c\",\"messages\":[" + JsonSerializer.Serialize(message, ConversationJson.Options) + "]}";
        return written == expected;
    }

    [Fact]
    public void Deserialize_FullConversation_KeepsEveryField()
    {
        var original = FullConversation();

        var back = ConversationJson.Deserialize(ConversationJson.Serialize(original, indented: true));

        Assert.Equal(original.Id, back.Id);
        Assert.Equal(original.Title, back.Title);
        Assert.Equal(original.CreatedAt, back.CreatedAt);
        Assert.Equal(original.CreatedAt!.Value.Offset, back.CreatedAt!.Value.Offset);
        Assert.Equal(original.UpdatedAt, back.UpdatedAt);
        Assert.Equal(original.DefaultModel, back.DefaultModel);
        Assert.Equal(original.Participants[0], back.Participants[0] with { Metadata = original.Participants[0].Metadata });
        Assert.Equal("test", back.Metadata["source"].GetString());
        Assert.Equal(2, back.Messages.Count);
        var m2 = back.Messages[1];
        Assert.Equal("m1", m2.ParentId);
        Assert.Equal(MessageRole.Assistant, m2.Role);
        Assert.Equal(original.Messages[1].Usage, m2.Usage);
        Assert.Equal(original.Messages[1].Parts.Take(4), m2.Parts.Take(4));
        var attachment = Assert.IsType<AttachmentPart>(m2.Parts[4]);
        Assert.Equal(new byte[] { 1, 2, 3 }, attachment.Data!.Value.ToArray());
    }

    [Fact]
    public void Serialize_NonAsciiText_StaysReadable()
    {
        var json = ConversationJson.Serialize(FullConversation());

        Assert.Contains("Grüße — Привет", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.StartsWith("{\"schemaVersion\":1,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_EmptyCollectionsAndNulls_AreOmitted()
    {
        var json = ConversationJson.Serialize(new Conversation { Id = "c", Messages = [new ConversationMessage { Id = "m", Role = MessageRole.User }] });

        Assert.Equal("""{"schemaVersion":1,"id":"c","messages":[{"id":"m","role":"user","content":""}]}""", json);
    }

    [Fact]
    public void Deserialize_TimestampWithoutOffset_IsReadAsUtc()
    {
        var conversation = ConversationJson.Deserialize("""{"schemaVersion":1,"id":"c","createdAt":"2025-01-02T03:04:05","messages":[]}""");

        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), conversation.CreatedAt);
        Assert.Equal(TimeSpan.Zero, conversation.CreatedAt!.Value.Offset);
    }

    [Fact]
    public void Read_ByteOrderMarkAndUnknownProperties_AreAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"future":{"a":[1]},"id":"c","schemaVersion":1}""")).ToArray();

        var conversation = ConversationJson.Read(bytes);

        Assert.Equal("c", conversation.Id);
        Assert.Empty(conversation.Messages);
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"id":"c"}""", "$.schemaVersion", 1, "Unsupported schemaVersion 2")]
    [InlineData("""{"id":"c","messages":[]}""", "$.schemaVersion", 1, "Missing \"schemaVersion\"")]
    [InlineData("""{"schemaVersion":"1","id":"c"}""", "$.schemaVersion", 1, "must be an integer")]
    [InlineData("{\"schemaVersion\":1,\n\"messages\":[]}", "$.id", 2, "Missing required property \"id\"")]
    [InlineData("[1,2]", "$", 1, "Expected a conversation JSON object")]
    [InlineData("", "$", 1, "empty")]
    [InlineData("{\"schemaVersion\":1,\"id\":\"c\",\n\"messages\":[\n{\"id\":\"m\",\"role\":\"user\"},\n{\"id\":\"m2\",\"role\":\"robot\"}]}", "$.messages[1].role", 4, "Unknown message role \"robot\"")]
    [InlineData("{\"schemaVersion\":1,\"id\":\"c\",\"messages\":[{\"id\":\"m\",\"role\":\"user\",\n\"content\":42}]}", "$.messages[0].content", 2, "")]
    [InlineData("{\"schemaVersion\":1,\"id\":\"c\",\"messages\":[{\"role\":\"user\"}]}", "$.messages[0]", 1, "id")]
    [InlineData("{\"schemaVersion\":1,\"id\":\"c\",\"messages\":[{\"id\":\"m\",\"role\":\"user\",\"createdAt\":\"yesterday\"}]}", "$.messages[0].createdAt", 1, "ISO-8601")]
    [InlineData("{\"schemaVersion\":1,\"id\":\"c\",\"messages\":[{\"id\":\"m\",\"role\":\"user\",\"parts\":[{\"type\":\"video\"}]}]}", "$.messages[0].parts[0]", 1, "")]
    [InlineData("{\"schemaVersion\":1,\"id\":\"c\",\"messages\":7}", "$.messages", 1, "must be an array")]
    [InlineData("{\"schemaVersion\":1,\"id\":\"c\",\"messages\":[\"x\"]}", "$.messages[0]", 1, "must be a JSON object")]
    [InlineData("{\"schemaVersion\":1,\"id\":\"c\"} {}", "$", 1, "invalid after a single JSON value")]
    public void Deserialize_BadInput_ThrowsWithPathAndLine(string json, string path, long line, string reason)
    {
        var ex = Assert.Throws<ConversationFormatException>(() => ConversationJson.Deserialize(json));

        Assert.Equal(path, ex.JsonPath);
        Assert.Equal(line, ex.LineNumber);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TruncatedDocument_ReportsLineAndPath()
    {
        var json = ConversationJson.Serialize(FullConversation(), indented: true);
        var truncated = json[..(json.Length / 2)];

        var ex = Assert.Throws<ConversationFormatException>(() => ConversationJson.Deserialize(truncated));

        Assert.StartsWith("$.messages", ex.JsonPath, StringComparison.Ordinal);
        Assert.True(ex.LineNumber > 1);
    }

    [Fact]
    public void Deserialize_AbsurdNesting_ThrowsInsteadOfOverflowing()
    {
        var json = "{\"schemaVersion\":1,\"id\":\"c\",\"metadata\":{\"a\":" + new string('[', 10_000) + new string(']', 10_000) + "}}";

        var ex = Assert.Throws<ConversationFormatException>(() => ConversationJson.Deserialize(json));

        Assert.StartsWith("$.metadata", ex.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFileAsync_BadFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ak-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"schemaVersion\":9}", TestContext.Current.CancellationToken);
        try
        {
            var ex = await Assert.ThrowsAsync<ConversationFormatException>(() => ConversationJson.ReadFileAsync(path, TestContext.Current.CancellationToken));

            Assert.Equal(Path.GetFileName(path), ex.FileName);
            Assert.Contains(Path.GetFileName(path) + ":1 at $.schemaVersion", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task WriteAsync_ThenReadAsync_RoundTrips()
    {
        using var stream = new MemoryStream();
        await ConversationJson.WriteAsync(FullConversation(), stream, TestContext.Current.CancellationToken);
        stream.Position = 0;

        var back = await ConversationJson.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(ConversationAssert.StructurallyEqual(FullConversation(), back));
    }

    [Fact]
    public void ConversationJsonWriter_MisusedOrder_Throws()
    {
        using var writer = new Utf8JsonWriter(new MemoryStream());
        var documentWriter = new ConversationJsonWriter(writer);

        Assert.Throws<InvalidOperationException>(() => documentWriter.WriteMessage(new ConversationMessage { Id = "m", Role = MessageRole.User }));
        documentWriter.WriteStart(new Conversation { Id = "c" });
        Assert.Throws<InvalidOperationException>(() => documentWriter.WriteStart(new Conversation { Id = "c" }));
    }
}
