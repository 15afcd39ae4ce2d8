using System.Runtime.CompilerServices;
using System.Text.Json;
using AssistantKit.Text;

namespace AssistantKit.Export;

/// <summary>
/// The one place where <see cref="ExportOptions"/> shape what formatters see: filters, what is included, the time zone.
/// Header strings are made valid Unicode here (they also become file names and document properties). Message text is
/// passed on as the source has it: every formatter writes it through a UTF-8 encoder, which replaces a lone surrogate
/// with U+FFFD, and the projection checks each message after the formatter has written it (the text is still in the
/// cache then) to report that in a warning. A check before writing would be the first read of every body from memory:
/// about 15% of a CSV export.
/// </summary>
internal sealed class ExportProjection(ExportOptions options, TimeZoneInfo timeZone, List<string> warnings)
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoMetadata = new Dictionary<string, JsonElement>();
    private bool _repairedText;

    public Conversation Header(Conversation header) => new()
    {
        Id = Clean(header.Id),
        Title = CleanOptional(header.Title),
        CreatedAt = Time(header.CreatedAt),
        UpdatedAt = Time(header.UpdatedAt),
        DefaultModel = options.IncludeMetadata ? CleanOptional(header.DefaultModel) : null,
        Participants = options.IncludeUserInfo ? header.Participants.Select(p => p with { Id = Clean(p.Id), Name = CleanOptional(p.Name), Email = CleanOptional(p.Email) }).ToArray() : [],
        Metadata = options.IncludeMetadata ? header.Metadata : NoMetadata,
    };

    /// <summary>Gets how many messages the projection has produced so far.</summary>
    public long Count { get; private set; }

    /// <summary>The messages of an in-memory conversation, through an enumerator that completes synchronously (no async state machine per message).</summary>
    public IAsyncEnumerable<ConversationMessage> Messages(IReadOnlyList<ConversationMessage> messages, CancellationToken cancellationToken) =>
        new ListSource(this, messages, cancellationToken);

    public async IAsyncEnumerable<ConversationMessage> Messages(IAsyncEnumerable<ConversationMessage> messages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var message in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested(); // sources that ignore the token still stop at the next message
            if (message is not null && Keep(message))
            {
                Count++;
                var projected = Project(message);
                yield return projected;
                Written(projected); // runs when the formatter asks for the next message
            }
        }
    }

    /// <summary>Messages outside the stream (alternatives), filtered and prepared the same way, not counted.</summary>
    public IReadOnlyList<ConversationMessage> Prepare(IEnumerable<ConversationMessage> messages)
    {
        var prepared = messages.Where(m => m is not null && Keep(m)).Select(Project).ToList();
        prepared.ForEach(Written);
        return prepared;
    }

    private bool Keep(ConversationMessage message)
    {
        var byRole = options.MessageFilter switch
        {
            MessageFilter.User => message.Role == MessageRole.User,
            MessageFilter.Assistant => message.Role == MessageRole.Assistant,
            _ => message.Role switch
            {
                MessageRole.System => options.IncludeSystemMessages,
                MessageRole.Tool => options.IncludeToolMessages,
                _ => true,
            },
        };
        return byRole && (options.DateRange is not { } range || (message.CreatedAt is { } created && range.Contains(created)));
    }

    /// <summary>Returns the message as the options shape it; the same instance when nothing changes (the common case costs no allocation).</summary>
    private ConversationMessage Project(ConversationMessage message)
    {
        var hideAuthor = !options.IncludeUserInfo && message.Role == MessageRole.User;
        var authorId = hideAuthor ? null : message.AuthorId;
        var authorName = hideAuthor ? null : message.AuthorName;
        var parts = options.IncludeReasoning || !message.Parts.Any(static p => p is ReasoningPart)
            ? message.Parts
            : message.Parts.Where(static p => p is not ReasoningPart).ToArray();
        var createdAt = Time(message.CreatedAt);
        var model = options.IncludeMetadata ? message.Model : null;
        var usage = options.IncludeMetadata ? message.Usage : null;
        var metadata = options.IncludeMetadata ? message.Metadata : NoMetadata;
        var unchanged = message.Id is not null && ReferenceEquals(authorId, message.AuthorId) && ReferenceEquals(authorName, message.AuthorName)
            && ReferenceEquals(parts, message.Parts)
            && createdAt == message.CreatedAt && createdAt?.Offset == message.CreatedAt?.Offset
            && ReferenceEquals(model, message.Model) && ReferenceEquals(usage, message.Usage)
            && (ReferenceEquals(metadata, message.Metadata) || (metadata.Count == 0 && message.Metadata.Count == 0));
        return unchanged ? message : new ConversationMessage
        {
            Id = message.Id ?? "", // null! from a careless caller
            ParentId = message.ParentId,
            Role = message.Role,
            AuthorId = authorId,
            AuthorName = authorName,
            Content = message.Content,
            Parts = parts,
            CreatedAt = createdAt,
            Model = model,
            Usage = usage,
            Metadata = metadata,
        };
    }

    private void Written(ConversationMessage message)
    {
        if (!_repairedText && HasLoneSurrogate(message))
        {
            ReportRepair();
        }
    }

    private static bool HasLoneSurrogate(ConversationMessage message)
    {
        if (Lone(message.Content) || Lone(message.Id) || Lone(message.ParentId) || Lone(message.AuthorId) || Lone(message.AuthorName) || Lone(message.Model))
        {
            return true;
        }

        for (var i = 0; i < message.Parts.Count; i++)
        {
            var lone = message.Parts[i] switch
            {
                ReasoningPart r => Lone(r.Text),
                CodePart c => Lone(c.Code) || Lone(c.Language),
                ToolCallPart t => Lone(t.CallId) || Lone(t.Name) || Lone(t.Arguments),
                ToolResultPart t => Lone(t.CallId) || Lone(t.Result),
                AttachmentPart a => Lone(a.Name) || Lone(a.MediaType),
                _ => false,
            };
            if (lone)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Lone(string? value) => value is not null && TextSanitizer.HasLoneSurrogate(value);

    private DateTimeOffset? Time(DateTimeOffset? value) => options.IncludeTimestamps && value is { } time
        ? (time.Offset == TimeSpan.Zero && ReferenceEquals(timeZone, TimeZoneInfo.Utc) ? time : TimeZoneInfo.ConvertTime(time, timeZone))
        : null;

    private string? CleanOptional(string? value) => value is null ? null : Clean(value);

    private string Clean(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var clean = TextSanitizer.ToValidUnicode(value);
        if (!ReferenceEquals(clean, value) && !_repairedText)
        {
            ReportRepair();
        }

        return clean;
    }

    private void ReportRepair()
    {
        _repairedText = true;
        lock (warnings)
        {
            warnings.Add("Some text was not valid Unicode (lone surrogate characters); each such character was replaced with U+FFFD.");
        }
    }

    private sealed class ListSource(ExportProjection projection, IReadOnlyList<ConversationMessage> messages, CancellationToken cancellationToken)
        : IAsyncEnumerable<ConversationMessage>, IAsyncEnumerator<ConversationMessage>
    {
        private int _next;
        private bool _hasCurrent;

        public ConversationMessage Current { get; private set; } = null!;

        public IAsyncEnumerator<ConversationMessage> GetAsyncEnumerator(CancellationToken token = default) => this;

        public ValueTask<bool> MoveNextAsync()
        {
            if (_hasCurrent)
            {
                projection.Written(Current);
                _hasCurrent = false;
            }

            while (_next < messages.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var message = messages[_next++];
                if (message is not null && projection.Keep(message))
                {
                    projection.Count++;
                    Current = projection.Project(message);
                    _hasCurrent = true;
                    return new ValueTask<bool>(true);
                }
            }

            return new ValueTask<bool>(false);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
