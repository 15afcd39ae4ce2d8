namespace AssistantKit.Templates;

/// <summary>
/// An assistant template: personality, instructions, model and sampling, tools, examples and variables. Immutable;
/// derive changed copies with <c>with</c> or <see cref="TemplateCustomization"/>.
/// </summary>
public sealed record AssistantTemplate
{
    /// <summary>Gets the identifier: lower-case letters, digits and hyphens, 1 to 64 characters.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name (at most 256 characters).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string Description { get; init => field = value ?? ""; } = "";

    /// <summary>Gets the category.</summary>
    public TemplateCategory Category { get; init; } = TemplateCategory.Custom;

    /// <summary>Gets the personality: how the assistant sounds. May contain <c>{{variables}}</c>.</summary>
    public string Personality { get; init => field = value ?? ""; } = "";

    /// <summary>Gets the instructions: what the assistant does and must not do. May contain <c>{{variables}}</c>.</summary>
    public string Instructions { get; init => field = value ?? ""; } = "";

    /// <summary>Gets the model id, or <see langword="null"/> to let the host choose.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the names of the tools the assistant may call; a host resolves them to functions.</summary>
    public IReadOnlyList<string> Tools { get; init => field = value ?? []; } = [];

    /// <summary>Gets the sampling temperature (0 to 2), or <see langword="null"/> for the model's default.</summary>
    public double? Temperature { get; init; }

    /// <summary>Gets the maximum number of output tokens, or <see langword="null"/>.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets a value indicating whether the template is offered to users.</summary>
    public bool IsActive { get; init; } = true;

    /// <summary>Gets the tags (at most 32).</summary>
    public IReadOnlyList<string> Tags { get; init => field = value ?? []; } = [];

    /// <summary>Gets the examples, in order.</summary>
    public IReadOnlyList<TemplateExample> Examples { get; init => field = value ?? []; } = [];

    /// <summary>Gets the metadata (at most 16 pairs; keys at most 64 and values at most 512 characters).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init => field = value ?? EmptyMetadata; } = EmptyMetadata;

    /// <summary>Gets the declared variables.</summary>
    public IReadOnlyList<TemplateVariable> Variables { get; init => field = value ?? []; } = [];

    /// <summary>Gets the owner's user id, or <see langword="null"/> for built-ins and unowned templates.</summary>
    public string? OwnerId { get; init; }

    /// <summary>Gets who may see the template.</summary>
    public TemplateVisibility Visibility { get; init; } = TemplateVisibility.Private;

    /// <summary>Gets the users and groups a <see cref="TemplateVisibility.Shared"/> template is shared with (group names start with <c>group:</c>).</summary>
    public IReadOnlyList<string> SharedWith { get; init => field = value ?? []; } = [];

    /// <summary>Gets the template and version this one was customized from, or <see langword="null"/>.</summary>
    public TemplateOrigin? Origin { get; init; }

    private static IReadOnlyDictionary<string, string> EmptyMetadata { get; } = new Dictionary<string, string>();
}
