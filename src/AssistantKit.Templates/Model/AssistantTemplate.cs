namespace AssistantKit.Templates;

/// <summary>What kind of assistant a template makes.</summary>
public enum TemplateCategory
{
    /// <summary>Customer support.</summary>
    Support,

    /// <summary>Writing and ideas.</summary>
    Creative,

    /// <summary>Engineering and IT.</summary>
    Technical,

    /// <summary>Analysis and business work.</summary>
    Business,

    /// <summary>Teaching and learning.</summary>
    Education,

    /// <summary>Everything else; templates people make themselves.</summary>
    Custom,
}

/// <summary>Who may see a stored template.</summary>
public enum TemplateVisibility
{
    /// <summary>Only the owner.</summary>
    Private,

    /// <summary>The owner and the users and groups in <see cref="AssistantTemplate.SharedWith"/>.</summary>
    Shared,

    /// <summary>Everyone.</summary>
    Public,
}

/// <summary>A user and assistant exchange that shows the template's intended behaviour (few-shot example).</summary>
public sealed record TemplateExample
{
    /// <summary>Gets what the user says.</summary>
    public required string User { get; init; }

    /// <summary>Gets how the assistant answers.</summary>
    public required string Assistant { get; init; }
}

/// <summary>Where a customized template came from.</summary>
public sealed record TemplateOrigin
{
    /// <summary>Gets the id of the template it was made from.</summary>
    public required string TemplateId { get; init; }

    /// <summary>Gets the version of that template, or <see langword="null"/> for a built-in.</summary>
    public int? Version { get; init; }
}

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
