namespace AssistantKit.Realtime;

/// <summary>.NET runtime figures sent with <see cref="SystemHealthUpdate"/>.</summary>
/// <param name="WorkingSetBytes">Process working set in bytes.</param>
/// <param name="GcHeapBytes">Managed heap size in bytes.</param>
/// <param name="Gen0Collections">Generation 0 collections since start.</param>
/// <param name="Gen1Collections">Generation 1 collections since start.</param>
/// <param name="Gen2Collections">Generation 2 collections since start.</param>
/// <param name="ThreadPoolThreads">Thread pool threads.</param>
/// <param name="ThreadPoolQueueLength">Work items waiting for the thread pool.</param>
/// <param name="ResponseTimeP95">95th percentile HTTP response time in milliseconds.</param>
/// <param name="ResponseTimeP99">99th percentile HTTP response time in milliseconds.</param>
/// <param name="RequestsMeasured">Requests in the response-time window.</param>
public sealed record RuntimeMetrics(
    long WorkingSetBytes,
    long GcHeapBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    int ThreadPoolThreads,
    long ThreadPoolQueueLength,
    double ResponseTimeP95,
    double ResponseTimeP99,
    int RequestsMeasured);
