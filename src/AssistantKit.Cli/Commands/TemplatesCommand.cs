using System.CommandLine;
using System.Globalization;
using AssistantKit.Templates;
using AssistantKit.Templates.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Cli.Commands;

/// <summary><c>assistantkit templates list|show|search|render|validate|import|export</c>.</summary>
internal static class TemplatesCommand
{
    public static Command Create()
    {
        var culture = new Option<string>("--culture") { Description = "Catalog language: en or de.", DefaultValueFactory = static _ => "en", Recursive = true };
        var command = new Command("templates", "Browse, render, validate, import and export assistant templates.") { culture };
        command.Subcommands.Add(List(culture));
        command.Subcommands.Add(Show(culture));
        command.Subcommands.Add(Search(culture));
        command.Subcommands.Add(Render(culture));
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(Export(culture));
        return command;
    }

    private static ServiceProvider Provider(string? storeDirectory = null)
    {
        if (storeDirectory is not null && File.Exists(storeDirectory))
        {
            throw new IOException($"--store {storeDirectory} is a file; name a directory (it is created when missing)");
        }

        var services = new ServiceCollection();
        services.AddAssistantKit(b => b.AddTemplates(o => o.StoreDirectory = storeDirectory));
        return services.BuildServiceProvider();
    }

    private static Command List(Option<string> culture)
    {
        var category = new Option<TemplateCategory?>("--category") { Description = "Only this category." };
        var all = new Option<bool>("--all") { Description = "Include inactive templates." };
        var command = new Command("list", "List the catalog.") { category, all };
        command.SetAction(async (result, ct) =>
        {
            using var provider = Provider();
            var catalog = provider.GetRequiredService<ITemplateCatalog>();
            var templates = await catalog.ListAsync(new TemplateQuery { Culture = result.GetValue(culture), Category = result.GetValue(category), IsActive = result.GetValue(all) ? null : true, Take = int.MaxValue }, ct).ConfigureAwait(false);
            foreach (var t in templates)
            {
                Console.WriteLine($"{t.Id,-26}{t.Category.ToString().ToLowerInvariant(),-11}{t.Name}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(Option<string> culture)
    {
        var id = new Argument<string>("id") { Description = "The template id." };
        var command = new Command("show", "Print a template as JSON.") { id };
        command.SetAction(async (result, ct) =>
        {
            using var provider = Provider();
            var template = await provider.GetRequiredService<ITemplateCatalog>().GetAsync(result.GetValue(id)!, result.GetValue(culture), ct).ConfigureAwait(false);
            if (template is null)
            {
                Console.Error.WriteLine($"error: no template '{result.GetValue(id)}'; see 'assistantkit templates list'");
                return ExitCodes.BadUsage;
            }

            Console.WriteLine(TemplateJson.Serialize([template]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Search(Option<string> culture)
    {
        var text = new Argument<string>("text") { Description = "Words to find (case- and diacritic-insensitive)." };
        var tags = new Option<string[]>("--tag") { Description = "Required tags.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("search", "Search the catalog, best match first.") { text, tags };
        command.SetAction(async (result, ct) =>
        {
            using var provider = Provider();
            var hits = await provider.GetRequiredService<ITemplateCatalog>().SearchAsync(new TemplateQuery { Text = result.GetValue(text), Tags = result.GetValue(tags) ?? [], Culture = result.GetValue(culture) }, ct).ConfigureAwait(false);
            foreach (var hit in hits)
            {
                Console.WriteLine($"{hit.Score,6:N1}  {hit.Template.Id,-26}{hit.Template.Name}");
            }

            return hits.Count > 0 ? ExitCodes.Success : ExitCodes.PartialFailure;
        });
        return command;
    }

    private static Command Render(Option<string> culture)
    {
        var id = new Argument<string>("id") { Description = "The template id." };
        var variables = new Option<string[]>("--var") { Description = "A variable value, name=value (repeat).", AllowMultipleArgumentsPerToken = true };
        var user = new Option<string?>("--user") { Description = "The value of {{user_name}}." };
        var command = new Command("render", "Print the system prompt and examples with variables filled in.") { id, variables, user };
        command.SetAction(async (result, ct) =>
        {
            using var provider = Provider();
            var template = await provider.GetRequiredService<ITemplateCatalog>().GetAsync(result.GetValue(id)!, result.GetValue(culture), ct).ConfigureAwait(false);
            if (template is null)
            {
                Console.Error.WriteLine($"error: no template '{result.GetValue(id)}'");
                return ExitCodes.BadUsage;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in result.GetValue(variables) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    Console.Error.WriteLine($"error: --var takes name=value, not '{pair}'");
                    return ExitCodes.BadUsage;
                }

                values[pair[..eq]] = pair[(eq + 1)..];
            }

            try
            {
                var rendered = provider.GetRequiredService<TemplateRenderer>().Render(template, values, result.GetValue(user), CultureInfo.GetCultureInfo(result.GetValue(culture)!));
                Console.WriteLine(rendered.SystemPrompt);
                foreach (var example in rendered.Examples)
                {
                    Console.WriteLine();
                    Console.WriteLine($"User: {example.User}");
                    Console.WriteLine($"Assistant: {example.Assistant}");
                }

                return ExitCodes.Success;
            }
            catch (TemplateRenderException ex)
            {
                foreach (var error in ex.Errors)
                {
                    Console.Error.WriteLine($"error: {error}");
                }

                return ExitCodes.BadUsage;
            }
        });
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<string>("file") { Description = "A template document (pack, single template, or LobeChat agent)." };
        var command = new Command("validate", "Check a template document; every problem is listed with its JSON path.") { file };
        command.SetAction(async (result, ct) =>
        {
            var (templates, code) = await ReadAsync(result.GetValue(file)!, ct).ConfigureAwait(false);
            if (templates is not null)
            {
                Console.WriteLine($"valid: {templates.Count} template{(templates.Count == 1 ? "" : "s")} ({string.Join(", ", templates.Select(static t => t.Id))})");
            }

            return code;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "A template document to import." };
        var store = new Option<string>("--store") { Description = "The template store directory.", Required = true };
        var user = new Option<string>("--user") { Description = "The owner of the imported templates.", Required = true };
        var command = new Command("import", "Import templates into a file-system store (new templates, or a new version of your own).") { file, store, user };
        command.SetAction(async (result, ct) =>
        {
            await Task.Yield(); // the signal handler registers first (see ExportRun)
            if (string.IsNullOrWhiteSpace(result.GetValue(user)))
            {
                Console.Error.WriteLine("error: --user is empty; name the owner of the imported templates");
                return ExitCodes.BadUsage;
            }

            var (templates, code) = await ReadAsync(result.GetValue(file)!, ct).ConfigureAwait(false);
            if (templates is null)
            {
                return code;
            }

            using var provider = Provider(result.GetValue(store));
            var target = provider.GetRequiredService<ITemplateStore>();
            var caller = TemplateCaller.For(result.GetValue(user)!);
            var failed = 0;
            foreach (var template in templates)
            {
                try
                {
                    var current = await target.GetAsync(template.Id, caller, ct).ConfigureAwait(false);
                    var saved = await target.SaveAsync(template with { OwnerId = caller.UserId }, caller, current?.Version, $"Imported from {Path.GetFileName(result.GetValue(file))}", ct).ConfigureAwait(false);
                    Console.WriteLine($"imported {saved.Template.Id} as version {saved.Version}");
                }
                catch (Exception ex) when (ex is TemplateConcurrencyException or TemplateAccessDeniedException or TemplateValidationException)
                {
                    failed++;
                    Console.Error.WriteLine($"error: {template.Id}: {ex.Message}");
                }
            }

            return failed == 0 ? ExitCodes.Success : failed == templates.Count ? ExitCodes.BadUsage : ExitCodes.PartialFailure;
        });
        return command;
    }

    private static Command Export(Option<string> culture)
    {
        var output = new Option<string>("--out", "-o") { Description = "The file to write.", Required = true };
        var ids = new Option<string[]>("--id") { Description = "Only these templates (repeat).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("export", "Write catalog templates as a template pack document.") { output, ids };
        command.SetAction(async (result, ct) =>
        {
            using var provider = Provider();
            var wanted = result.GetValue(ids) ?? [];
            var templates = (await provider.GetRequiredService<ITemplateCatalog>().ListAsync(new TemplateQuery { Culture = result.GetValue(culture), IsActive = null, Take = int.MaxValue }, ct).ConfigureAwait(false))
                .Where(t => wanted.Length == 0 || wanted.Contains(t.Id, StringComparer.Ordinal)).ToList();
            var path = result.GetValue(output)!;
            await AtomicFile.WriteAsync(path, async stream =>
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(TemplateJson.Serialize(templates)), ct).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            Console.WriteLine($"wrote {path} ({templates.Count} templates)");
            return templates.Count > 0 ? ExitCodes.Success : ExitCodes.PartialFailure;
        });
        return command;
    }

    private static async Task<(IReadOnlyList<AssistantTemplate>? Templates, int Code)> ReadAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"error: {file}: no such file");
            return (null, ExitCodes.BadUsage);
        }

        try
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                return (await TemplateJson.ReadAsync(stream, cancellationToken).ConfigureAwait(false), ExitCodes.Success); // bounded: /dev/zero is refused, not read
            }
        }
        catch (TemplateValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                Console.Error.WriteLine($"{file}: {error.Path}: {error.Message} [{error.Rule}]");
            }

            return (null, ExitCodes.BadUsage);
        }
    }
}
