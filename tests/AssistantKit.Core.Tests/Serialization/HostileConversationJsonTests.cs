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
    public void Mutants_ReadOrThrowOnlyConversationFormatException()
    {
        var violations = new List<string>();
        for (var seed = 0; seed < 2000; seed++)
        {
            try
            {
                ConversationJson.Read(JsonMutator.Mutate(Document, seed), "mutant.json");
            }
            catch (ConversationFormatException ex) when (ex.Message.Contains("mutant.json", StringComparison.Ordinal))
            {
            }
            catch (Exception ex)
            {
                violations.Add($"seed {seed}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(violations.Count == 0, $"{violations.Count} of 2,000 mutants broke the contract (JsonMutator.Mutate(document, seed) reproduces each):\n{string.Join("\n", violations.Take(15))}");
    }

    [Fact]
    public void APartWithoutItsType_IsAFormatErrorWithItsPath()
    {
        var json = """{"schemaVersion": 1, "id": "c", "messages": [{"id": "m", "role": "user", "content": "", "parts": [{"code": "x"}]}]}"""u8.ToArray();

        var error = Assert.Throws<ConversationFormatException>(() => ConversationJson.Read(json, "p.json"));

        Assert.Contains("$.messages[0].parts[0]", error.Message, StringComparison.Ordinal);
    }
}
