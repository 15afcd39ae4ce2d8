using System.CommandLine;

namespace AssistantKit.Cli.Commands;

/// <summary><c>assistantkit formats</c>: what the tool reads and writes.</summary>
internal static class FormatsCommand
{
    public static Command Create()
    {
        var command = new Command("formats", "List the export formats (--format) and the import formats it detects (--input-format).");
        command.SetAction(_ =>
        {
            var (reader, exporter, provider) = Services.Create();
            using (provider)
            {
                Console.WriteLine("Export formats (--format):");
                foreach (var format in exporter.Formats.Order(StringComparer.Ordinal))
                {
                    Console.WriteLine($"  {format}");
                }

                Console.WriteLine();
                Console.WriteLine("Import formats (detected from the content, or --input-format):");
                foreach (var importer in reader.Importers.OrderBy(static i => i.Format, StringComparer.Ordinal))
                {
                    Console.WriteLine($"  {importer.Format,-14}{importer.Description}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
