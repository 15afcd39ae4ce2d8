using AssistantKit.Fuzz;
using SharpFuzz;

// dotnet AssistantKit.Fuzz.dll TARGET       (under afl-fuzz: eng/fuzz.sh TARGET MINUTES)
// dotnet AssistantKit.Fuzz.dll TARGET FILE  (replays one input, for a crash AFL found)
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: AssistantKit.Fuzz TARGET [FILE]; targets: {string.Join(", ", Targets.All.Keys)}");
    return 2;
}

if (args.Length > 1)
{
    target(File.ReadAllBytes(args[1]));
    Console.WriteLine("no contract violation");
    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    target(copy.ToArray());
});
return 0;
