using System.Text.Json;
using AssistantKit.AI;
using AssistantKit.TestUtils;
using FsCheck.Xunit;
using Microsoft.Extensions.AI;

namespace AssistantKit.Core.Tests.AI;

public sealed class ChatMessageInteropTests
{
    [Property(Arbitrary = [typeof(ConversationArbitraries)], MaxTest = 300)]
    public bool ToChatMessage_ThenBack_IsLossless(ConversationMessage message)
    {
        var back = message.ToChatMessage().ToConversationMessage();

        return ConversationAssert.StructurallyEqual(message, back);
    }

    [Property(Arbitrary = [typeof(ConversationArbitraries)], MaxTest = 100)]
    public bool ToChatMessage_ThroughChatMessageJson_IsLossless(ConversationMessage message)
    {
        // A host may persist M.E.AI messages with AIJsonUtilities and convert them back later.
        var json = JsonSerializer.Serialize(message.ToChatMessage(), AIJsonUtilities.DefaultOptions);
        var chat = JsonSerializer.Deserialize<ChatMessage>(json, AIJsonUtilities.DefaultOptions)!;

        return ConversationAssert.StructurallyEqual(message, chat.ToConversationMessage());
    }

    [Fact]
    public void ToChatMessage_MapsRolesTextAndParts()
    {
        var created = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.FromHours(2));
        var message = new ConversationMessage
        {
            Id = "m1",
            Role = MessageRole.Assistant,
            AuthorName = "Bot",
            Content = "Result:",
            CreatedAt = created,
            Parts =
            [
                new ToolCallPart { CallId = "c1", Name = "lookup", Arguments = """{"city":"Köln"}""" },
                new ReasoningPart { Text = "why" },
                new AttachmentPart { Uri = new Uri("https://example.com/x.pdf"), MediaType = "application/pdf" },
            ],
        };

        var chat = message.ToChatMessage();

        Assert.Equal(ChatRole.Assistant, chat.Role);
        Assert.Equal("m1", chat.MessageId);
        Assert.Equal("Bot", chat.AuthorName);
        Assert.Equal(created, chat.CreatedAt);
        Assert.Equal("Result:", chat.Text);
        var call = Assert.IsType<FunctionCallContent>(chat.Contents[1]);
        Assert.Equal("lookup", call.Name);
        Assert.Equal("Köln", ((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.IsType<TextReasoningContent>(chat.Contents[2]);
        Assert.Equal("application/pdf", Assert.IsType<UriContent>(chat.Contents[3]).MediaType);
    }

    [Fact]
    public void ToConversationMessage_FromChatClientHistory_MapsEverything()
    {
        var chat = new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", new { temperature = 21 }) { Exception = new InvalidOperationException("x") }])
        {
            AdditionalProperties = new() { ["traceId"] = "abc", ["count"] = 3 },
        };

        var message = chat.ToConversationMessage("fallback");

        Assert.Equal("fallback", message.Id);
        Assert.Equal(MessageRole.Tool, message.Role);
        var result = Assert.IsType<ToolResultPart>(Assert.Single(message.Parts));
        Assert.True(result.IsError);
        Assert.Equal("""{"temperature":21}""", result.Result);
        Assert.Equal("abc", message.Metadata["traceId"].GetString());
        Assert.Equal(3, message.Metadata["count"].GetInt32());
    }

    [Fact]
    public void ToConversationMessage_DeveloperRole_BecomesSystemAndRoundTrips()
    {
        var chat = new ChatMessage(new ChatRole("developer"), "Be brief.");

        var message = chat.ToConversationMessage();

        Assert.Equal(MessageRole.System, message.Role);
        Assert.Equal("developer", message.ToChatMessage().Role.Value);
    }

    [Fact]
    public void ToConversationMessage_InvalidToolArguments_AreKeptVerbatim()
    {
        var message = new ConversationMessage { Id = "m", Role = MessageRole.Assistant, Parts = [new ToolCallPart { CallId = "c", Name = "f", Arguments = "{not json" }] };

        var chat = message.ToChatMessage();

        Assert.Null(Assert.IsType<FunctionCallContent>(Assert.Single(chat.Contents)).Arguments);
        Assert.Equal("{not json", Assert.IsType<ToolCallPart>(chat.ToConversationMessage().Parts[0]).Arguments);
    }

    [Fact]
    public void ToConversationMessages_WithoutIds_NumbersThemByPosition()
    {
        var messages = new[] { new ChatMessage(ChatRole.User, "a"), new ChatMessage(ChatRole.Assistant, "b") }.ToConversationMessages();

        Assert.Equal(["msg-1", "msg-2"], messages.Select(static m => m.Id));
    }
}
