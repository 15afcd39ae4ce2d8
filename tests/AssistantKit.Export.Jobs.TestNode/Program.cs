// Usage: AssistantKit.Export.Jobs.TestNode DATABASE STORAGE INSTANCE-ID [--delay-ms N] [--messages N] [--concurrency N] [--enqueue COUNT]
//        [--checkin-ms N --threshold-ms N] (cluster check-in interval and misfire threshold; the tests' 1 s / 2 s by default)
// Runs one export-jobs server (PostgreSQL connection string, or a SQLite file ending in .db) until killed or until its
// standard input closes. Prints "ready PORT" once it serves, and "job ID" for the job --enqueue queued (owner "ada").
using System.Globalization;
using AssistantKit.Export;
using AssistantKit.TestUtils;
using Microsoft.Extensions.DependencyInjection;

var (database, storage, instance) = (args[0], args[1], args[2]);
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var source = new TestConversationSource
{
    Delay = TimeSpan.FromMilliseconds(int.Parse(Option("--delay-ms") ?? "0", CultureInfo.InvariantCulture)),
    MessagesPerConversation = int.Parse(Option("--messages") ?? "5", CultureInfo.InvariantCulture),
};
await using var server = await ExportJobsTestHost.StartAsync(database, storage, source, o =>
{
    o.InstanceId = instance;
    o.MaxConcurrency = int.Parse(Option("--concurrency") ?? "2", CultureInfo.InvariantCulture);
    if (Option("--checkin-ms") is { } checkin)
    {
        o.ClusterCheckinInterval = TimeSpan.FromMilliseconds(int.Parse(checkin, CultureInfo.InvariantCulture));
    }

    if (Option("--threshold-ms") is { } threshold)
    {
        o.ClusterCheckinMisfireThreshold = TimeSpan.FromMilliseconds(int.Parse(threshold, CultureInfo.InvariantCulture));
    }
});
Console.WriteLine($"ready {server.Port}");
if (Option("--enqueue") is { } count)
{
    var jobs = server.App.Services.GetRequiredService<IExportJobs>();
    var job = await jobs.EnqueueAsync(new ExportJobRequest("ada", TestConversationSource.Ids(int.Parse(count, CultureInfo.InvariantCulture)), new ExportOptions()));
    Console.WriteLine($"job {job.Id}");
}

await Console.In.ReadToEndAsync();
