using System.Text;
using AssistantKit.Serialization;
using AssistantKit.TestUtils;

namespace AssistantKit.Core.Tests.Serialization;

/// <summary>The hostile-input contract of <see cref="ConversationJson"/> (docs/hostile-input.md): a conversation or a <see cref="ConversationFormatException"/>, nothing else.</summary>
public sealed class HostileConversationJsonTests
{
    private static readonly byte[] Document = Encoding.UTF8.GetBytes(ConversationJson.Serialize(SampleConversations.Create(6, "c1") with
    {
        Messages = [.. SampleConversations.Create(6, "c1").Messages.Select(static (m, i) => m with { ParentId = i == 0 ? null : $"m{i}", Parts = [new CodePart { Code = "x", Language = "cs" }, new ToolCallPart { CallId = "c", Name = "f", Arguments = "{}" }, new AttachmentPart { Name = "a.png", MediaType = "image/png", Data = new byte[] { 1, 2, 3 } }] })],
    }));

    [Fact]
    public async Task Mutants_ReadOrThrowOnlyConversationFormatException()
    {
        var violations = await JsonMutator.ViolationsAsync(Document, 2000, static mutant =>
        {
            ConversationJson.Read(mutant, "mutant.json");
            return Task.CompletedTask;
        }, static ex => ex is ConversationFormatException && ex.Message.Contains("mutant.json", StringComparison.Ordinal));

        Assert.True(violations.Count == 0, JsonMutator.Report(violations, 2000));
    }

    [Fact]
    public void APartWithoutItsType_IsAFormatErrorWithItsPath()
    {
        var json = """{"schemaVersion": 1, "id": "c", "messages": [{"id": "m", "role": "user", "content": "", "parts": [{"code": "x"}]}]}"""u8.ToArray();

        var error = Assert.Throws<ConversationFormatException>(() => ConversationJson.Read(json, "p.json"));

        Assert.Contains("$.messages[0].parts[0]", error.Message, StringComparison.Ordinal);
    }
}
