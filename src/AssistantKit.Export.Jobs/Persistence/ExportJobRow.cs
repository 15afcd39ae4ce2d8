namespace AssistantKit.Export.Jobs.Persistence;

/// <summary>
/// Our record of one export job, next to Quartz's tables: what was asked, where it stands, where the result is.
/// Times are Unix milliseconds, so both databases compare and order them the same way.
/// </summary>
internal sealed class ExportJobRow
{
    public required string Id { get; set; }

    public required string OwnerId { get; set; }

    public ExportJobState State { get; set; }

    public required string Format { get; set; }

    /// <summary>Gets or sets the <see cref="ExportOptions"/> as JSON.</summary>
    public required string OptionsJson { get; set; }

    /// <summary>Gets or sets the conversation ids as a JSON array.</summary>
    public required string ConversationIdsJson { get; set; }

    public int Total { get; set; }

    public int Done { get; set; }

    public int Failed { get; set; }

    public string? Error { get; set; }

    public string? ResultKey { get; set; }

    public long? ResultLength { get; set; }

    public string? ScheduleId { get; set; }

    /// <summary>Gets or sets how many times a server started the job; a run may finish the job only while its attempt is the latest.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets the Quartz instance that started the latest attempt.</summary>
    public string? Node { get; set; }

    public long CreatedAt { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }
}
