using System.Text;
using static AssistantKit.Import.Tests.FixtureImportTests;

namespace AssistantKit.Import.Tests;

/// <summary>
/// One rule for times in every importer (Unix seconds or ISO-8601; out of range: no time and a warning naming the path)
/// and broken text read as U+FFFD with a warning instead of failing the conversation.
/// </summary>
public sealed class BrokenTextAndTimeTests
{
    private static Task<List<ImportItem>> Read(string json) => ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string ChatGpt(string conversationTime, string messageTime) =>
        "[{\"id\": \"c1\", \"create_time\": " + conversationTime + ", \"current_node\": \"m1\", \"mapping\": {\"m1\": {\"id\": \"m1\", \"parent\": null, \"children\": [], " +
        "\"message\": {\"id\": \"m1\", \"author\": {\"role\": \"user\"}, \"create_time\": " + messageTime + ", \"content\": {\"content_type\": \"text\", \"parts\": [\"Hi\"]}}}}}]";

    [Theory]
    [InlineData("1697373097.899566", "2023-10-15T12:31:37.8995660+00:00")]
    [InlineData("0", "1970-01-01T00:00:00.0000000+00:00")]
    [InlineData("-62135596800", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("253402300799", "9999-12-31T23:59:59.0000000+00:00")]
    [InlineData("\"1697373097\"", "2023-10-15T12:31:37.0000000+00:00")]
    [InlineData("\"2024-05-01T10:00:00+02:00\"", "2024-05-01T10:00:00.0000000+02:00")]
    [InlineData("\"2024-05-01T10:00:00\"", "2024-05-01T10:00:00.0000000+00:00")]
    public async Task Time_InRange_IsReadAsUnixSecondsOrIso(string json, string expected)
    {
        var item = Assert.Single(await Read(ChatGpt(json, json)));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), item.Conversation!.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), item.Conversation.Messages[0].CreatedAt);
        Assert.Empty(item.Warnings);
    }

    [Theory]
    [InlineData("253402300800")] // the first second of year 10000: not milliseconds of 1978
    [InlineData("1e20")]
    [InlineData("-62135596801")]
    [InlineData("1e400")]
    [InlineData("\"yesterday\"")]
    [InlineData("true")]
    public async Task Time_OutOfRange_IsLeftOutWithAWarningNamingThePath(string json)
    {
        var item = Assert.Single(await Read(ChatGpt(json, json)));

        Assert.True(item.Succeeded, item.Error?.Message);
        Assert.Null(item.Conversation!.CreatedAt);
        Assert.Null(item.Conversation.Messages[0].CreatedAt);
        Assert.Equal("Hi", item.Conversation.Messages[0].Content);
        Assert.Contains(item.Warnings, static w => w.Contains("\"create_time\"", StringComparison.Ordinal) && w.EndsWith("at $[0].create_time)", StringComparison.Ordinal));
        Assert.Contains(item.Warnings, static w => w.EndsWith("at $[0].mapping.m1.message.create_time)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Time_SameRuleInOpenWebUiAndLibreChat()
    {
        var openWebUi = Assert.Single(await Read("[{\"id\": \"w1\", \"user_id\": \"u\", \"created_at\": 253402300800, \"chat\": {\"history\": {\"currentId\": \"a\", \"messages\": {\"a\": {\"id\": \"a\", \"parentId\": null, \"role\": \"user\", \"content\": \"Hi\", \"timestamp\": 1e20}}}}}]"));
        var libreChat = Assert.Single(await Read("[{\"conversationId\": \"l1\", \"messages\": [{\"messageId\": \"a\", \"parentMessageId\": null, \"isCreatedByUser\": true, \"text\": \"Hi\", \"createdAt\": \"not a date\"}]}]"));

        Assert.Null(openWebUi.Conversation!.CreatedAt);
        Assert.Null(openWebUi.Conversation.Messages[0].CreatedAt);
        Assert.Contains(openWebUi.Warnings, static w => w.EndsWith("at $[0].created_at)", StringComparison.Ordinal));
        Assert.Contains(openWebUi.Warnings, static w => w.EndsWith("at $[0].chat.history.messages.a.timestamp)", StringComparison.Ordinal));
        Assert.Null(libreChat.Conversation!.Messages[0].CreatedAt);
        Assert.Single(libreChat.Warnings, static w => w.EndsWith("at $[0].messages[0].createdAt)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidUtf8InAMessage_IsReplacementCharacterWithAWarning_OtherConversationsUntouched()
    {
        var json = Encoding.UTF8.GetBytes("[{\"role\": \"user\", \"content\": \"caf\u00e9 OK\"}, {\"role\": \"assistant\", \"content\": \"bad XX here\"}]");
        var at = Array.IndexOf(json, (byte)'X');
        json[at] = 0xFF; // a byte that is never UTF-8
        json[at + 1] = 0xC3; // a lead byte without its continuation

        var item = Assert.Single(await ReadStreamAsync(new MemoryStream(json)));

        Assert.True(item.Succeeded, item.Error?.Message);
        Assert.Equal(["caf\u00e9 OK", "bad \uFFFD\uFFFD here"], item.Conversation!.Messages.Select(static m => m.Content));
        Assert.Single(item.Warnings, static w => w.Contains("U+FFFD", StringComparison.Ordinal) && w.EndsWith("at $[1].content)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoneSurrogateEscapes_AreReplacementCharacters_PairsAreKept()
    {
        var item = Assert.Single(await Read(ChatGpt("1", "1").Replace("\"Hi\"", "\"lone \\ud800 then \\udc00 pair \\ud83d\\ude00 end\"", StringComparison.Ordinal)));

        Assert.Equal("lone \uFFFD then \uFFFD pair \U0001F600 end", item.Conversation!.Messages[0].Content);
        Assert.Single(item.Warnings, static w => w.EndsWith("at $[0].mapping.m1.message.content.parts[0])", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidSurrogatePairEscapes_GiveNoWarning()
    {
        var item = Assert.Single(await Read(ChatGpt("1", "1").Replace("\"Hi\"", "\"\\ud83d\\ude00 \\u00e9\"", StringComparison.Ordinal)));

        Assert.Equal("\U0001F600 \u00e9", item.Conversation!.Messages[0].Content);
        Assert.Empty(item.Warnings);
    }

    [Fact]
    public async Task InvalidUtf8InAPropertyName_IsRepairedWithAWarning()
    {
        var json = Encoding.UTF8.GetBytes("[{\"id\": \"c1\", \"current_node\": \"m1\", \"Xx\": 1, \"mapping\": {\"m1\": {\"id\": \"m1\", \"children\": [], \"message\": {\"id\": \"m1\", \"author\": {\"role\": \"user\"}, \"content\": {\"content_type\": \"text\", \"parts\": [\"Hi\"]}}}}}]");
        json[Array.IndexOf(json, (byte)'X')] = 0xFE;

        var item = Assert.Single(await ReadStreamAsync(new MemoryStream(json)));

        Assert.Equal("Hi", Assert.Single(item.Conversation!.Messages).Content);
        Assert.Single(item.Warnings, static w => w.Contains("(property name)", StringComparison.Ordinal));
    }
}
