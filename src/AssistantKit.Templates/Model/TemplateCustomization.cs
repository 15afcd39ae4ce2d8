using AssistantKit.Templates.Serialization;

namespace AssistantKit.Templates;

/// <summary>
/// Changes to make a new template from an existing one: overrides of any field, tags added and removed, examples
/// appended. <see cref="ApplyTo"/> validates the result and records where it came from.
/// </summary>
public sealed record TemplateCustomization
{
    /// <summary>Gets the new id (required: a customized template is a new template).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the new name, or <see langword="null"/> to keep it.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the new description, or <see langword="null"/> to keep it.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the new category, or <see langword="null"/> to keep it.</summary>
    public TemplateCategory? Category { get; init; }

    /// <summary>Gets the new personality, or <see langword="null"/> to keep it.</summary>
    public string? Personality { get; init; }

    /// <summary>Gets the new instructions, or <see langword="null"/> to keep them.</summary>
    public string? Instructions { get; init; }

    /// <summary>Gets the new model, or <see langword="null"/> to keep it.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the new temperature, or <see langword="null"/> to keep it.</summary>
    public double? Temperature { get; init; }

    /// <summary>Gets the new output token limit, or <see langword="null"/> to keep it.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets the new tool list, or <see langword="null"/> to keep it.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>Gets tags to add.</summary>
    public IReadOnlyList<string> AddTags { get; init; } = [];

    /// <summary>Gets tags to remove (compared case-insensitively).</summary>
    public IReadOnlyList<string> RemoveTags { get; init; } = [];

    /// <summary>Gets examples to append.</summary>
    public IReadOnlyList<TemplateExample> AppendExamples { get; init; } = [];

    /// <summary>Gets variables to add or replace (by name).</summary>
    public IReadOnlyList<TemplateVariable> Variables { get; init; } = [];

    /// <summary>Applies the changes to <paramref name="source"/>.</summary>
    /// <param name="source">The template to start from.</param>
    /// <param name="sourceVersion">The stored version of <paramref name="source"/>, or <see langword="null"/> for a built-in.</param>
    /// <param name="ownerId">The owner of the new template, or <see langword="null"/>.</param>
    /// <returns>The new template, private to its owner, with <see cref="AssistantTemplate.Origin"/> set.</returns>
    /// <exception cref="TemplateValidationException">The result is not a valid template.</exception>
    public AssistantTemplate ApplyTo(AssistantTemplate source, int? sourceVersion = null, string? ownerId = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var removed = new HashSet<string>(RemoveTags, StringComparer.OrdinalIgnoreCase);
        var variables = source.Variables.Where(v => Variables.All(n => n.Name != v.Name)).Concat(Variables).ToList();
        var result = source with
        {
            Id = Id,
            Name = Name ?? source.Name,
            Description = Description ?? source.Description,
            Category = Category ?? source.Category,
            Personality = Personality ?? source.Personality,
            Instructions = Instructions ?? source.Instructions,
            Model = Model ?? source.Model,
            Temperature = Temperature ?? source.Temperature,
            MaxTokens = MaxTokens ?? source.MaxTokens,
            Tools = Tools ?? source.Tools,
            Tags = source.Tags.Where(t => !removed.Contains(t)).Concat(AddTags.Where(t => !removed.Contains(t))).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Examples = source.Examples.Concat(AppendExamples).ToList(),
            Variables = variables,
            OwnerId = ownerId,
            Visibility = TemplateVisibility.Private,
            SharedWith = [],
            Origin = new TemplateOrigin { TemplateId = source.Id, Version = sourceVersion },
        };
        var errors = TemplateJson.Validate(result);
        return errors.Count > 0 ? throw new TemplateValidationException(errors) : result;
    }
}
