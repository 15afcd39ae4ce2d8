using System.Globalization;
using System.Text;

namespace AssistantKit.Templates;

/// <summary>
/// Fills <c>{{name}}</c> placeholders in a template's personality, instructions and examples. Values are inserted
/// literally and never scanned again, so a value containing <c>{{…}}</c> cannot inject another placeholder.
/// Built-in variables: <c>{{current_date}}</c>, <c>{{current_time}}</c> (from the <see cref="TimeProvider"/>),
/// <c>{{user_name}}</c>, <c>{{locale}}</c>.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="timeProvider">The clock for <c>{{current_date}}</c> and <c>{{current_time}}</c>.</param>
    public TemplateRenderer(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Renders <paramref name="template"/>.</summary>
    /// <param name="template">The template.</param>
    /// <param name="values">Values of the template's variables, by name.</param>
    /// <param name="userName">The value of <c>{{user_name}}</c>, or <see langword="null"/>.</param>
    /// <param name="culture">The culture of <c>{{locale}}</c> and of built-in dates; invariant when <see langword="null"/>.</param>
    /// <returns>The rendered template.</returns>
    /// <exception cref="TemplateRenderException">Required variables are missing or values are invalid; every problem is listed.</exception>
    public RenderedTemplate Render(AssistantTemplate template, IReadOnlyDictionary<string, string>? values = null, string? userName = null, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        culture ??= CultureInfo.InvariantCulture;
        var resolved = Resolve(template, values ?? new Dictionary<string, string>(), userName, culture, out var missing, out var errors);
        var personality = Fill(template.Personality, resolved, missing, errors);
        var instructions = Fill(template.Instructions, resolved, missing, errors);
        var examples = template.Examples.Select(e => new TemplateExample { User = Fill(e.User, resolved, missing, errors), Assistant = Fill(e.Assistant, resolved, missing, errors) }).ToList();
        if (errors.Count > 0)
        {
            throw new TemplateRenderException(template.Id, missing.ToList(), errors);
        }

        var prompt = string.Join("\n\n", new[] { personality, instructions }.Where(static s => s.Length > 0));
        return new RenderedTemplate { Template = template, SystemPrompt = prompt, Examples = examples };
    }

    private Dictionary<string, string> Resolve(AssistantTemplate template, IReadOnlyDictionary<string, string> values, string? userName, CultureInfo culture, out SortedSet<string> missing, out List<string> errors)
    {
        missing = new SortedSet<string>(StringComparer.Ordinal);
        errors = [];
        var now = _timeProvider.GetLocalNow();
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["current_date"] = now.ToString("d", culture),
            ["current_time"] = now.ToString("t", culture),
            ["locale"] = culture.Name.Length == 0 ? "en" : culture.Name,
        };
        if (userName is not null)
        {
            resolved["user_name"] = userName;
        }

        foreach (var (name, value) in values)
        {
            resolved[name] = value;
        }

        foreach (var variable in template.Variables)
        {
            if (!resolved.TryGetValue(variable.Name, out var value))
            {
                if (variable.Default is { } fallback)
                {
                    resolved[variable.Name] = value = fallback;
                }
                else
                {
                    if (variable.Required && missing.Add(variable.Name))
                    {
                        errors.Add($"required variable '{variable.Name}' has no value");
                    }

                    continue;
                }
            }

            if (Invalid(variable, value) is { } problem)
            {
                errors.Add($"variable '{variable.Name}': {problem}");
            }
        }

        return resolved;
    }

    private static string? Invalid(TemplateVariable variable, string value) => variable.Type switch
    {
        TemplateVariableType.Number when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => $"'{value}' is not a number",
        TemplateVariableType.Date when !DateOnly.TryParse(value, CultureInfo.InvariantCulture, out _) => $"'{value}' is not a date (use yyyy-MM-dd)",
        TemplateVariableType.Select when !variable.Options.Contains(value, StringComparer.Ordinal) => $"'{value}' is not one of {string.Join(", ", variable.Options)}",
        _ => null,
    };

    /// <summary>One pass over <paramref name="text"/>; inserted values are not scanned again.</summary>
    private static string Fill(string text, Dictionary<string, string> values, SortedSet<string> missing, List<string> errors)
    {
        var open = text.IndexOf("{{", StringComparison.Ordinal);
        if (open < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 64);
        var position = 0;
        while (open >= 0)
        {
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            var name = text.AsSpan(open + 2, close - open - 2).Trim();
            builder.Append(text, position, open - position);
            if (IsName(name) && values.TryGetValue(name.ToString(), out var value))
            {
                builder.Append(value);
            }
            else
            {
                if (IsName(name) && missing.Add(name.ToString()))
                {
                    errors.Add($"variable '{name}' has no value");
                }

                builder.Append(text, open, close + 2 - open);
            }

            position = close + 2;
            open = text.IndexOf("{{", position, StringComparison.Ordinal);
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    internal static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
