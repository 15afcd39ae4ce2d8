using System.Text;

namespace AssistantKit.TestUtils;

/// <summary>Realistic conversations from a fixed seed: Markdown bodies of about 1 KB in several languages, for tests and benchmarks.</summary>
public static class SampleConversations
{
    private static readonly string[] Paragraphs =
    [
        "Here is how I would approach it. First, **measure** the current behaviour, then change *one* thing at a time and compare.",
        "Gern! Hier ist eine Übersicht der wichtigsten Schritte für die Einrichtung – mit Beispielen für Köln und München.",
        "Конечно. Ниже приведён пример конфигурации и пояснения к каждому параметру, чтобы было проще начать.",
        "Voici une réponse détaillée : la première étape consiste à vérifier la configuration, ensuite à relancer le service.",
        "Ο πιο απλός τρόπος είναι να χρησιμοποιήσετε τις προεπιλεγμένες ρυθμίσεις και να τις αλλάξετε αργότερα.",
        "你好！下面是一个简单的例子，展示如何读取配置文件并处理错误。",
        "- first item with `inline code`\n- second item with a [link](https://example.com/docs)\n- third item",
        "| Option | Default |\n|---|---|\n| timeout | 10 s |\n| retries | 3 |",
        "```csharp\nvar exporter = services.GetRequiredService<IConversationExporter>();\nawait exporter.ExportAsync(conversation, options, stream);\n```",
        "> A quoted remark that the user made earlier, kept for context.",
    ];

    /// <summary>Creates a conversation header (no messages) with a title, times and two participants.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The header.</returns>
    public static Conversation Header(string id = "conv-1") => new()
    {
        Id = id,
        Title = "Planning the Q3 release — Grüße",
        CreatedAt = new DateTimeOffset(2025, 6, 2, 9, 30, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2025, 6, 2, 11, 0, 0, TimeSpan.Zero),
        DefaultModel = "gpt-4o",
        Participants =
        [
            new Participant { Id = "u1", Name = "Ada Lovelace", Email = "ada@example.com", Role = MessageRole.User },
            new Participant { Id = "a1", Name = "Helper", Role = MessageRole.Assistant },
        ],
    };

    /// <summary>Streams <paramref name="count"/> messages, alternating user and assistant, from a fixed seed.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The messages.</returns>
    public static IEnumerable<ConversationMessage> Messages(int count, int seed = 42)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2025, 6, 2, 9, 30, 0, TimeSpan.Zero);
        string? parent = null;
        var body = new StringBuilder(1200);
        for (var i = 0; i < count; i++)
        {
            body.Clear();
            while (body.Length < 900)
            {
                body.Append(Paragraphs[random.Next(Paragraphs.Length)]).Append("\n\n");
            }

            var user = i % 2 == 0;
            var id = $"m{i:D7}";
            yield return new ConversationMessage
            {
                Id = id,
                ParentId = parent,
                Role = user ? MessageRole.User : MessageRole.Assistant,
                AuthorId = user ? "u1" : "a1",
                AuthorName = user ? "Ada Lovelace" : "Helper",
                Content = body.ToString(0, body.Length - 2),
                CreatedAt = start.AddSeconds(i * 7),
                Model = user ? null : "gpt-4o",
                Usage = user ? null : new TokenUsage { InputTokens = 100 + i, OutputTokens = 250, TotalTokens = 350 + i },
            };
            parent = id;
        }
    }

    /// <summary>Creates a whole conversation with <paramref name="count"/> messages.</summary>
    /// <param name="count">How many messages.</param>
    /// <param name="id">The id.</param>
    /// <returns>The conversation.</returns>
    public static Conversation Create(int count, string id = "conv-1") => Header(id) with { Messages = Messages(count).ToArray() };

    /// <summary>Streams messages as an async sequence.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The messages.</returns>
    public static async IAsyncEnumerable<ConversationMessage> MessagesAsync(int count)
    {
        foreach (var message in Messages(count))
        {
            yield return message;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
