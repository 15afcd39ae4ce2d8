using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace AssistantKit.Templates.Serialization;

/// <summary>
/// The template document: <c>{"schemaVersion": 1, "templates": [...]}</c> (a pack) or <c>{"schemaVersion": 1, "template": {...}}</c>.
/// Reading validates everything first and reports every problem with its JSON path. Documents without
/// <c>schemaVersion</c> (the original app's bare template object or array) are migrated; newer versions are refused.
/// LobeChat agent files (<c>meta</c>, <c>config.systemRole</c>) are read too.
/// </summary>
/// <remarks>Bad input throws <see cref="TemplateValidationException"/> only (<see href="https://github.com/assistantkit/assistantkit/blob/main/docs/hostile-input.md">the hostile-input contract</see>).</remarks>
public static partial class TemplateJson
{
    /// <summary>The schema version written and the newest read.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The largest document accepted, in bytes (1 MB).</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Writes templates as a pack document.</summary>
    /// <param name="templates">The templates.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(IEnumerable<AssistantTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WritePropertyName("templates");
            JsonSerializer.Serialize(writer, templates.ToList(), TypeInfo<List<AssistantTemplate>>());
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a template document (pack, single template, legacy bare template or array, or LobeChat agent).</summary>
    /// <param name="utf8Json">The document.</param>
    /// <returns>The templates.</returns>
    /// <exception cref="TemplateValidationException">The document is invalid; every problem is listed with its JSON path.</exception>
    public static IReadOnlyList<AssistantTemplate> Read(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > MaxDocumentBytes)
        {
            throw new TemplateValidationException([new("$", "maxSize", $"The document is {utf8Json.Length:N0} bytes; at most {MaxDocumentBytes:N0} are accepted.")]);
        }

        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            throw new TemplateValidationException([new("$", "encoding", "The document is not valid UTF-8; save it as UTF-8.")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 32, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new TemplateValidationException([new(ex.Path ?? "$", "json", $"Not valid JSON (line {ex.LineNumber + 1}): {ex.Message}")]);
        }

        using (document)
        {
            if (BrokenText(document.RootElement) is { } broken)
            {
                throw new TemplateValidationException([new(broken, "encoding", "The text holds a lone UTF-16 surrogate (an escape such as \\ud800 without its pair).")]);
            }

            var (templates, errors) = Extract(document.RootElement);
            foreach (var (element, path) in templates)
            {
                Validate(element, path, errors);
            }

            foreach (var duplicate in templates.Where(static t => t.Element.ValueKind == JsonValueKind.Object && t.Element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .GroupBy(static t => t.Element.GetProperty("id").GetString(), StringComparer.Ordinal).Where(static g => g.Count() > 1).SelectMany(static g => g.Skip(1)))
            {
                errors.Add(new(duplicate.Path + ".id", "unique", $"The id '{duplicate.Element.GetProperty("id").GetString()}' is used by an earlier template of this document."));
            }

            if (errors.Count > 0)
            {
                throw new TemplateValidationException(errors);
            }

            return templates.Select(static t => Deserialize(t.Element, t.Path)).ToList();
        }
    }

    /// <summary>
    /// Reads a template document from a stream, reading at most <see cref="MaxDocumentBytes"/> (and one byte more, to
    /// tell that a larger input is too large), so an endless input (<c>/dev/zero</c>) costs no more than that.
    /// </summary>
    /// <param name="stream">The document.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The templates.</returns>
    /// <exception cref="TemplateValidationException">The document is invalid or too large.</exception>
    public static async Task<IReadOnlyList<AssistantTemplate>> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[MaxDocumentBytes + 1];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (length > MaxDocumentBytes)
        {
            throw new TemplateValidationException([new("$", "maxSize", $"The document is larger than {MaxDocumentBytes:N0} bytes, the most accepted.")]);
        }

        return Read(buffer.AsSpan(0, length));
    }

    /// <summary>Reads a template document from text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The templates.</returns>
    /// <exception cref="TemplateValidationException">The document is invalid.</exception>
    public static IReadOnlyList<AssistantTemplate> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Validates a template against the same rules as a document.</summary>
    /// <param name="template">The template.</param>
    /// <returns>Every problem; empty when valid.</returns>
    public static IReadOnlyList<TemplateValidationError> Validate(AssistantTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var errors = new List<TemplateValidationError>();
        Validate(JsonSerializer.SerializeToElement(template, TypeInfo<AssistantTemplate>()), "$", errors);
        return errors;
    }

    /// <summary>Deserializes a validated template; what the rules do not cover still ends as a validation error with its path.</summary>
    private static AssistantTemplate Deserialize(JsonElement element, string path)
    {
        try
        {
            var template = element.Deserialize(TypeInfo<AssistantTemplate>()) ?? throw new TemplateValidationException([new(path, "type", "A template must be an object.")]);

            // What the document leaves out is the model's default; a source-generated context alone would make a
            // template without "isActive" inactive and one without "category" a support template.
            var defaults = new AssistantTemplate { Id = template.Id, Name = template.Name };
            return template with
            {
                IsActive = element.TryGetProperty("isActive", out _) ? template.IsActive : defaults.IsActive,
                Category = element.TryGetProperty("category", out _) ? template.Category : defaults.Category,
                Visibility = element.TryGetProperty("visibility", out _) ? template.Visibility : defaults.Visibility,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            var inner = ex is JsonException { Path: { Length: > 1 } at } ? path + at[1..] : path;
            throw new TemplateValidationException([new(inner, "type", $"The value does not have the type a template needs here: {ex.Message.Split(" Path:")[0]}")]);
        }
    }

    /// <summary>The JSON path of the first string or property name that is not valid UTF-16 (a lone surrogate escape), or <see langword="null"/>.</summary>
    private static string? BrokenText(JsonElement root)
    {
        var stack = new Stack<(JsonElement Element, string Path)>([(root, "$")]);
        while (stack.TryPop(out var item))
        {
            try
            {
                switch (item.Element.ValueKind)
                {
                    case JsonValueKind.String:
                        _ = item.Element.GetString();
                        break;
                    case JsonValueKind.Array:
                        var i = 0;
                        foreach (var child in item.Element.EnumerateArray())
                        {
                            stack.Push((child, $"{item.Path}[{i++}]"));
                        }

                        break;
                    case JsonValueKind.Object:
                        foreach (var property in item.Element.EnumerateObject())
                        {
                            stack.Push((property.Value, $"{item.Path}.{property.Name}"));
                        }

                        break;
                }
            }
            catch (InvalidOperationException)
            {
                return item.Path;
            }
        }

        return null;
    }

    internal static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static (List<(JsonElement Element, string Path)> Templates, List<TemplateValidationError> Errors) Extract(JsonElement root)
    {
        var errors = new List<TemplateValidationError>();
        var templates = new List<(JsonElement, string)>();
        if (root.ValueKind == JsonValueKind.Array)
        {
            // Version 0: the original app's export, a bare array of templates.
            templates.AddRange(root.EnumerateArray().Select(static (e, i) => (e, $"$[{i}]")));
            return (templates, errors);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("$", "type", "Expected a template document (an object)."));
            return (templates, errors);
        }

        if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object && root.TryGetProperty("meta", out _))
        {
            templates.Add((LobeChat.ToTemplate(root), "$"));
            return (templates, errors);
        }

        if (!root.TryGetProperty("schemaVersion", out var version))
        {
            templates.Add((root, "$")); // version 0: a bare template object
            return (templates, errors);
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number < 1)
        {
            errors.Add(new("$.schemaVersion", "schemaVersion", "schemaVersion must be a positive integer."));
        }
        else if (number > SchemaVersion)
        {
            errors.Add(new("$.schemaVersion", "schemaVersion", $"schemaVersion {number} is newer than this version of AssistantKit reads ({SchemaVersion}); update AssistantKit."));
        }

        if (root.TryGetProperty("templates", out var pack) && pack.ValueKind == JsonValueKind.Array)
        {
            templates.AddRange(pack.EnumerateArray().Select(static (e, i) => (e, $"$.templates[{i}]")));
        }
        else if (root.TryGetProperty("template", out var single) && single.ValueKind == JsonValueKind.Object)
        {
            templates.Add((single, "$.template"));
        }
        else
        {
            errors.Add(new("$", "required", "Expected \"templates\" (an array of templates) or \"template\" (one template object) beside schemaVersion, for example {\"schemaVersion\": 1, \"template\": {\"id\": …}}; a template object alone, without schemaVersion, is read too."));
        }

        return (templates, errors);
    }

    private static void Validate(JsonElement template, string path, List<TemplateValidationError> errors)
    {
        if (template.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "type", "A template must be an object."));
            return;
        }

        var id = String(template, "id", path, errors, required: true, maxLength: 64);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            errors.Add(new(path + ".id", "pattern", $"Id '{id}' must be lower-case letters, digits and hyphens, starting with a letter or digit."));
        }

        String(template, "name", path, errors, required: true, maxLength: 256);
        String(template, "description", path, errors, required: false, maxLength: 512);
        String(template, "personality", path, errors, required: false, maxLength: 64_000);
        String(template, "instructions", path, errors, required: false, maxLength: 256_000);
        String(template, "model", path, errors, required: false, maxLength: 256);
        Enum<TemplateCategory>(template, "category", path, errors);
        Enum<TemplateVisibility>(template, "visibility", path, errors);
        if (template.TryGetProperty("temperature", out var temperature) && temperature.ValueKind != JsonValueKind.Null
            && (temperature.ValueKind != JsonValueKind.Number || temperature.GetDouble() is < 0 or > 2))
        {
            errors.Add(new(path + ".temperature", "range", "temperature must be a number from 0 to 2."));
        }

        if (template.TryGetProperty("maxTokens", out var maxTokens) && maxTokens.ValueKind != JsonValueKind.Null
            && (maxTokens.ValueKind != JsonValueKind.Number || !maxTokens.TryGetInt32(out var tokens) || tokens <= 0))
        {
            errors.Add(new(path + ".maxTokens", "range", "maxTokens must be a whole number greater than 0."));
        }

        StringArray(template, "tags", path, errors, maxItems: 32, maxLength: 64);
        StringArray(template, "tools", path, errors, maxItems: 128, maxLength: 128);
        StringArray(template, "sharedWith", path, errors, maxItems: 1000, maxLength: 256);
        if (template.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Null)
        {
            if (metadata.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path + ".metadata", "type", "metadata must be an object of strings."));
            }
            else
            {
                var count = 0;
                foreach (var pair in metadata.EnumerateObject())
                {
                    var here = $"{path}.metadata['{pair.Name}']";
                    if (++count == 17)
                    {
                        errors.Add(new(path + ".metadata", "maxItems", "metadata has more than 16 pairs."));
                    }

                    if (pair.Name.Length > 64)
                    {
                        errors.Add(new(here, "maxLength", "metadata keys are at most 64 characters."));
                    }

                    if (pair.Value.ValueKind != JsonValueKind.String)
                    {
                        errors.Add(new(here, "type", "metadata values are strings."));
                    }
                    else if (pair.Value.GetString()!.Length > 512)
                    {
                        errors.Add(new(here, "maxLength", "metadata values are at most 512 characters."));
                    }
                }
            }
        }

        if (!template.TryGetProperty("examples", out var examples) || examples.ValueKind != JsonValueKind.Array || examples.GetArrayLength() == 0)
        {
            errors.Add(new(path + ".examples", "required", "A template needs at least one example (an object with \"user\" and \"assistant\")."));
        }
        else
        {
            var i = 0;
            foreach (var example in examples.EnumerateArray())
            {
                var here = $"{path}.examples[{i++}]";
                if (example.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(here, "type", "An example is an object with \"user\" and \"assistant\"."));
                    continue;
                }

                String(example, "user", here, errors, required: true, maxLength: 32_000);
                String(example, "assistant", here, errors, required: true, maxLength: 32_000);
            }
        }

        if (template.TryGetProperty("variables", out var variables) && variables.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var variable in variables.EnumerateArray())
            {
                var here = $"{path}.variables[{i++}]";
                if (variable.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(here, "type", "A variable is an object with \"name\" and \"type\"."));
                    continue;
                }

                var name = String(variable, "name", here, errors, required: true, maxLength: 64);
                if (name is not null && !TemplateRenderer.IsName(name))
                {
                    errors.Add(new(here + ".name", "pattern", $"Variable name '{name}' must be letters, digits and underscores."));
                }

                Enum<TemplateVariableType>(variable, "type", here, errors);
                if (variable.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && string.Equals(type.GetString(), "select", StringComparison.OrdinalIgnoreCase)
                    && (!variable.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array || options.GetArrayLength() == 0))
                {
                    errors.Add(new(here + ".options", "required", "A select variable needs options."));
                }

                StringArray(variable, "options", here, errors, maxItems: 256, maxLength: 256);
            }
        }
    }

    private static string? String(JsonElement element, string name, string path, List<TemplateValidationError> errors, bool required, int maxLength)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new($"{path}.{name}", "required", $"{name} is required."));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new($"{path}.{name}", "type", $"{name} must be a string."));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            errors.Add(new($"{path}.{name}", "maxLength", $"{name} is {text.Length:N0} characters; at most {maxLength:N0} are allowed."));
        }
        else if (required && string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new($"{path}.{name}", "required", $"{name} must not be empty."));
        }

        return text;
    }

    private static void StringArray(JsonElement element, string name, string path, List<TemplateValidationError> errors, int maxItems, int maxLength)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new($"{path}.{name}", "type", $"{name} must be an array of strings."));
            return;
        }

        if (value.GetArrayLength() > maxItems)
        {
            errors.Add(new($"{path}.{name}", "maxItems", $"{name} has {value.GetArrayLength()} items; at most {maxItems} are allowed."));
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length > maxLength)
            {
                errors.Add(new($"{path}.{name}[{i}]", "type", $"{name} items are strings of at most {maxLength} characters."));
            }

            i++;
        }
    }

    private static void Enum<TEnum>(JsonElement element, string name, string path, List<TemplateValidationError> errors)
        where TEnum : struct, System.Enum
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            && (value.ValueKind != JsonValueKind.String || !System.Enum.TryParse<TEnum>(value.GetString(), ignoreCase: true, out _) || int.TryParse(value.GetString(), CultureInfo.InvariantCulture, out _)))
        {
            errors.Add(new($"{path}.{name}", "enum", $"{name} must be one of {string.Join(", ", System.Enum.GetNames<TEnum>().Select(static n => n.ToLowerInvariant()))}."));
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(TemplateJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNameCaseInsensitive = true,
            Converters = { new JsonStringEnumConverter<TemplateCategory>(JsonNamingPolicy.CamelCase), new JsonStringEnumConverter<TemplateVisibility>(JsonNamingPolicy.CamelCase), new JsonStringEnumConverter<TemplateVariableType>(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly();
        return options;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
