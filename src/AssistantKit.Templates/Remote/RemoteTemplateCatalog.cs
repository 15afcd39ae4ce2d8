using AssistantKit.Templates.Serialization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace AssistantKit.Templates;

/// <summary>
/// A catalog loaded from a URL through a Polly pipeline (timeout, retry with jitter, circuit breaker), falling back to
/// the last good copy, then to the built-in catalog. A remote outage never surfaces as an exception; <see cref="Status"/>
/// says which copy is served and why.
/// </summary>
public sealed class RemoteTemplateCatalog : ITemplateCatalog
{
    /// <summary>
    /// The name of the <see cref="HttpClient"/> that <c>AddTemplates()</c> takes from <see cref="IHttpClientFactory"/> for
    /// the remote catalog: configure it with <c>services.AddHttpClient(RemoteTemplateCatalog.HttpClientName, …)</c>
    /// (proxy, headers, handlers). Timeouts, retries and the circuit breaker come from <see cref="RemoteTemplateCatalogOptions"/>.
    /// </summary>
    public const string HttpClientName = "AssistantKit.Templates.RemoteCatalog";

    private readonly HttpClient _http;
    private readonly RemoteTemplateCatalogOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ITemplateCatalog _fallback;
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private TemplateCatalog? _lastGood;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private volatile TemplateSourceStatus _status = new(TemplateSourceKind.BuiltIn, null, null, null);

    /// <summary>Initializes a new instance.</summary>
    /// <param name="http">The HTTP client (the host configures handlers, proxies, authentication).</param>
    /// <param name="options">The options; <see cref="RemoteTemplateCatalogOptions.Url"/> is required.</param>
    /// <param name="timeProvider">The clock (also drives Polly's delays).</param>
    /// <param name="fallback">The catalog served when the remote never answered well; <see cref="TemplateCatalog.BuiltIn"/> when <see langword="null"/>.</param>
    public RemoteTemplateCatalog(HttpClient http, RemoteTemplateCatalogOptions options, TimeProvider? timeProvider = null, ITemplateCatalog? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Url is null)
        {
            throw new ArgumentException("RemoteTemplateCatalogOptions.Url is required.", nameof(options));
        }

        _http = http;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _fallback = fallback ?? TemplateCatalog.BuiltIn;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.MaxRetryAttempts),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(static ex => ex is not OperationCanceledException || ex is TimeoutRejectedException),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(static ex => ex is not OperationCanceledException || ex is TimeoutRejectedException),
            })
            .AddTimeout(options.Timeout)
            .Build();
    }

    /// <summary>Gets what the catalog is serving and the last error.</summary>
    public TemplateSourceStatus Status => _status;

    /// <summary>Asks the remote now (through the pipeline) and returns the resulting status; never throws for remote failures.</summary>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <returns>The status after the attempt.</returns>
    public async Task<TemplateSourceStatus> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _timeProvider.GetUtcNow();
            try
            {
                var cultures = new Dictionary<string, IReadOnlyList<AssistantTemplate>>();
                foreach (var culture in _options.Cultures)
                {
                    cultures[culture] = await _pipeline.ExecuteAsync(async token => await FetchAsync(culture, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                }

                _lastGood = new TemplateCatalog(cultures);
                _fetchedAt = now;
                _status = new TemplateSourceStatus(TemplateSourceKind.Remote, now, null, now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _fetchedAt = now; // do not hammer a failing remote on every call; the circuit breaker does the rest
                _status = new TemplateSourceStatus(_lastGood is null ? TemplateSourceKind.BuiltIn : TemplateSourceKind.LastGood, _status.LastSuccess, Describe(ex), now);
            }

            return _status;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AssistantTemplate>> ListAsync(TemplateQuery? query = null, CancellationToken cancellationToken = default) =>
        await (await CurrentAsync(cancellationToken).ConfigureAwait(false)).ListAsync(query, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<AssistantTemplate?> GetAsync(string id, string? culture = null, CancellationToken cancellationToken = default) =>
        await (await CurrentAsync(cancellationToken).ConfigureAwait(false)).GetAsync(id, culture, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TemplateSearchResult>> SearchAsync(TemplateQuery query, CancellationToken cancellationToken = default) =>
        await (await CurrentAsync(cancellationToken).ConfigureAwait(false)).SearchAsync(query, cancellationToken).ConfigureAwait(false);

    private async ValueTask<ITemplateCatalog> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_timeProvider.GetUtcNow() - _fetchedAt >= _options.RefreshInterval)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        return (ITemplateCatalog?)_lastGood ?? _fallback;
    }

    private async Task<IReadOnlyList<AssistantTemplate>> FetchAsync(string culture, CancellationToken cancellationToken)
    {
        var url = new Uri(_options.Url!.OriginalString.Replace("{culture}", culture, StringComparison.Ordinal));
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > TemplateJson.MaxDocumentBytes)
        {
            throw new TemplateValidationException([new("$", "maxSize", "The remote catalog is larger than 1 MB.")]);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[TemplateJson.MaxDocumentBytes + 1];
            var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return TemplateJson.Read(buffer.AsSpan(0, length));
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        BrokenCircuitException => "The circuit is open after repeated failures; serving the fallback until it closes.",
        TimeoutRejectedException => "The remote catalog did not answer in time.",
        TemplateValidationException validation => "The remote catalog is invalid: " + validation.Message,
        _ => ex.Message,
    };
}
