using AssistantKit.Serialization;

namespace AssistantKit.Core.Tests.Serialization;

/// <summary>
/// System.Text.Json source-generated contexts set an init-only property that is missing from the JSON to the type's
/// default instead of the property's initial value; what a document leaves out must read as the model's default.
/// </summary>
public sealed class OmittedDefaultsTests
{
    [Fact]
    public void Participant_WithoutRole_IsAUser()
    {
        var conversation = ConversationJson.Deserialize("""{"schemaVersion":1,"id":"c","participants":[{"id":"ada"},{"id":"bot","role":"assistant"}],"messages":[]}""");

        Assert.Equal([MessageRole.User, MessageRole.Assistant], conversation.Participants.Select(p => p.Role));
        Assert.Equal(new Participant { Id = "ada" }, conversation.Participants[0]);
    }

    [Fact]
    public void Participant_OfTheWrongType_ErrorNamesItsPath()
    {
        var error = Assert.Throws<ConversationFormatException>(() => ConversationJson.Deserialize("""{"schemaVersion":1,"id":"c","participants":[{"id":"a"},{"id":5}],"messages":[]}"""));

        Assert.Equal("$.participants[1].id", error.JsonPath);
    }
}
