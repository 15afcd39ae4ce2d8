using System.Text.RegularExpressions;
using Quartz;

namespace AssistantKit.Export.Jobs.Persistence;

/// <summary>
/// The tables of Quartz.NET's ADO.NET job store (prefix <c>qrtz_</c>), from the schema script the pinned Quartz version
/// carries for itself (what its <c>ProvisionSchema()</c> runs): every statement creates only what is missing, separated
/// by a line <c>--;;</c>, with <c>{0}</c>/<c>{1}</c> standing for the table prefix. Reading it from the package keeps our
/// migration and Quartz's expectations the same schema; a later Quartz version that changes it gets a new migration
/// with Quartz's upgrade script.
/// </summary>
internal static partial class QuartzSchema
{
    public const string TablePrefix = "qrtz_";

    /// <summary>Gets the statements that create the tables and indexes.</summary>
    /// <param name="postgreSql"><see langword="true"/> for PostgreSQL, <see langword="false"/> for SQLite.</param>
    /// <returns>The statements, in order.</returns>
    public static IReadOnlyList<string> Create(bool postgreSql) =>
        [.. Script(postgreSql).Split("\n--;;", StringSplitOptions.TrimEntries).Where(static s => s.Split('\n').Any(static line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal) && line.Trim().Length > 0))];

    /// <summary>Gets the statements that drop the tables, in the reverse order of creation.</summary>
    /// <param name="postgreSql"><see langword="true"/> for PostgreSQL, <see langword="false"/> for SQLite.</param>
    /// <returns>One statement per table.</returns>
    public static IReadOnlyList<string> Drop(bool postgreSql) =>
        [.. TableName().Matches(Script(postgreSql)).Select(static m => $"DROP TABLE IF EXISTS {m.Groups[1].Value}").Reverse()];

    private static string Script(bool postgreSql)
    {
        var name = $"Quartz.Impl.AdoJobStore.Schema.create_{(postgreSql ? "postgres" : "sqlite")}.sql";
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Quartz {typeof(IScheduler).Assembly.GetName().Version} carries no schema script '{name}'; AssistantKit.Export.Jobs was built against Quartz 4.7.3.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"CREATE TABLE IF NOT EXISTS\s+([A-Za-z0-9_.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex TableName();
}
