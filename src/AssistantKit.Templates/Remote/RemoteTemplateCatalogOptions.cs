using System.ComponentModel.DataAnnotations;

namespace AssistantKit.Templates;

/// <summary>Options of <see cref="RemoteTemplateCatalog"/>.</summary>
public sealed class RemoteTemplateCatalogOptions
{
    /// <summary>Gets or sets the URL of a template pack document (<c>{"schemaVersion": 1, "templates": [...]}</c>), per culture: <c>{culture}</c> in the URL is replaced by <c>en</c> or <c>de</c>.</summary>
    [AbsoluteUrl("http", "https")]
    public Uri? Url { get; set; }

    /// <summary>Gets or sets how long one attempt may take. Default 10 seconds.</summary>
    [MinimumDuration(1)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many times a failed attempt is retried (exponential backoff with jitter). Default 2.</summary>
    [Range(0, int.MaxValue)]
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Gets or sets the first retry delay. Default 200 ms.</summary>
    [MinimumDuration(0)]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets how long the circuit stays open after repeated failures (calls then fall back at once). Default 30 seconds.</summary>
    [MinimumDuration(500)]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a fetched copy is used before the remote is asked again. Default 5 minutes.</summary>
    [MinimumDuration(1)]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the cultures fetched. Default <c>en</c> and <c>de</c>.</summary>
    public IList<string> Cultures { get; } = ["en", "de"];
}
