using System.CommandLine;
using System.Globalization;
using AssistantKit.Export;
using AssistantKit.Import;

namespace AssistantKit.Cli.Commands;

/// <summary><c>assistantkit export &lt;input&gt;... --format f --out path</c>: read any supported export, write the chosen format.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Files, directories or ZIP archives to read (a ChatGPT data export directory or ZIP works as it is).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format", "-f") { Description = "Output format: json, markdown, txt, csv, html, pdf (see 'assistantkit formats').", DefaultValueFactory = static _ => "json" };
        var output = new Option<string>("--out", "-o") { Description = "Output file (one conversation), directory (one file each) or, with --zip, the ZIP file.", Required = true };
        var zip = new Option<bool>("--zip") { Description = "Write every conversation into one ZIP archive with a manifest.json." };
        var filter = new Option<MessageFilter>("--filter") { Description = "Which messages: All, User or Assistant.", DefaultValueFactory = static _ => MessageFilter.All };
        var from = new Option<string?>("--from") { Description = "Keep messages at or after this time (ISO-8601 date or date-time; without offset it is UTC)." };
        var to = new Option<string?>("--to") { Description = "Keep messages at or before this time (a date alone means the end of that day)." };
        var timestamps = new Option<bool>("--timestamps") { Description = "Include message times (the default)." };
        var noTimestamps = new Option<bool>("--no-timestamps") { Description = "Leave message times out." };
        var metadata = new Option<bool>("--metadata") { Description = "Include metadata, model names and token usage." };
        var userInfo = new Option<bool>("--user-info") { Description = "Include participants and user names." };
        var timeZone = new Option<string>("--time-zone") { Description = "IANA time zone for times, e.g. Europe/Berlin.", DefaultValueFactory = static _ => "UTC" };
        var culture = new Option<string>("--culture") { Description = "Language of labels and dates: en or de (or a culture such as de-AT).", DefaultValueFactory = static _ => "en" };
        var nameTemplate = new Option<string>("--name-template") { Description = "File names: {title}, {date}, {id}.", DefaultValueFactory = static _ => "{title} {date}" };
        var inputFormat = new Option<string?>("--input-format") { Description = "Force the input format instead of detecting it (see 'assistantkit formats')." };
        var allBranches = new Option<bool>("--all-branches") { Description = "Import every branch of branched conversations, not only the current one (JSON and CSV keep them all; documents show the current one)." };
        var alternatives = new Option<bool>("--alternatives") { Description = "Documents also show (implies --all-branches) the other versions of edited or regenerated messages, folded after the version shown." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors." };
        var fonts = new Option<string[]>("--font") { Description = "PDF: a fallback font file for characters the bundled fonts lack (CJK, emoji), tried before the installed fonts; repeatable; path#index for a face of a collection.", AllowMultipleArgumentsPerToken = true };
        var noSystemFonts = new Option<bool>("--no-system-fonts") { Description = "PDF: use only the bundled fonts and --font files, not the fonts installed on this machine (output that is the same on every machine)." };

        var command = new Command("export", "Convert conversations to another format.")
        {
            inputs, format, output, zip, filter, from, to, timestamps, noTimestamps, metadata, userInfo, timeZone, culture, nameTemplate, inputFormat, allBranches, alternatives, quiet, fonts, noSystemFonts,
        };

        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TryParseTime(result.GetValue(from), endOfDay: false, out var start) || !TryParseTime(result.GetValue(to), endOfDay: true, out var end))
            {
                Console.Error.WriteLine("error: --from and --to take an ISO-8601 date or date-time, for example 2025-01-31 or 2025-01-31T14:00:00+01:00.");
                return ExitCodes.BadUsage;
            }

            var options = new ExportOptions
            {
                Format = result.GetValue(format)!,
                MessageFilter = result.GetValue(filter),
                DateRange = start is null && end is null ? null : new DateRange(start, end),
                IncludeTimestamps = !result.GetValue(noTimestamps),
                IncludeMetadata = result.GetValue(metadata),
                IncludeAlternatives = result.GetValue(alternatives),
                IncludeUserInfo = result.GetValue(userInfo),
                TimeZone = result.GetValue(timeZone)!,
                Culture = result.GetValue(culture)!,
                FileNameTemplate = result.GetValue(nameTemplate)!,
            };
            var importOptions = new ImportOptions { Format = result.GetValue(inputFormat), AllBranches = result.GetValue(allBranches) || result.GetValue(alternatives) };
            var target = result.GetValue(output)!;
            var toStandardOutput = OutputTarget.IsStandardOutput(target); // "--out -": the export is the output, nothing else may go there
            var run = new ExportRun(options, importOptions, target, result.GetValue(zip), result.GetValue(quiet) || toStandardOutput, result.GetValue(fonts) ?? [], !result.GetValue(noSystemFonts));
            return await run.ExecuteAsync(result.GetValue(inputs)!, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static bool TryParseTime(string? text, bool endOfDay, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            value = new DateTimeOffset(date.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue), TimeSpan.Zero); // 9999-12-31 has an end too
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
