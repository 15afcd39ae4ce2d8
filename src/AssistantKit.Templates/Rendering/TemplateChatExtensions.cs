using Microsoft.Extensions.AI;

namespace AssistantKit.Templates;

/// <summary>Uses a rendered template with any Microsoft.Extensions.AI <see cref="IChatClient"/>.</summary>
public static class TemplateChatExtensions
{
    /// <summary>Creates <see cref="ChatOptions"/>: model, instructions (the system prompt), temperature, output tokens and tools.</summary>
    /// <param name="rendered">The rendered template.</param>
    /// <param name="resolveTool">Turns a tool name into an <see cref="AITool"/>; <see langword="null"/> leaves tools out.</param>
    /// <returns>The options.</returns>
    /// <exception cref="InvalidOperationException">A tool name does not resolve; every unresolved name is listed.</exception>
    public static ChatOptions ToChatOptions(this RenderedTemplate rendered, Func<string, AITool?>? resolveTool = null)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var template = rendered.Template;
        var options = new ChatOptions
        {
            ModelId = template.Model,
            Instructions = rendered.SystemPrompt,
            Temperature = template.Temperature is { } t ? (float)t : null,
            MaxOutputTokens = template.MaxTokens,
        };
        if (resolveTool is not null && template.Tools.Count > 0)
        {
            var tools = template.Tools.Select(name => (Name: name, Tool: resolveTool(name))).ToList();
            var unresolved = tools.Where(static t => t.Tool is null).Select(static t => t.Name).ToList();
            if (unresolved.Count > 0)
            {
                throw new InvalidOperationException($"Template '{template.Id}' uses tools the host does not provide: {string.Join(", ", unresolved)}.");
            }

            options.Tools = tools.Select(static t => t.Tool!).ToList();
        }

        return options;
    }

    /// <summary>Creates the conversation start: the system prompt (unless <paramref name="includeSystemMessage"/> is false) and the examples as user and assistant messages.</summary>
    /// <param name="rendered">The rendered template.</param>
    /// <param name="includeSystemMessage">Whether to put the system prompt first (leave it out when it travels in <see cref="ChatOptions.Instructions"/>).</param>
    /// <returns>The messages.</returns>
    public static IList<ChatMessage> ToChatMessages(this RenderedTemplate rendered, bool includeSystemMessage = true)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var messages = new List<ChatMessage>(1 + (rendered.Examples.Count * 2));
        if (includeSystemMessage && rendered.SystemPrompt.Length > 0)
        {
            messages.Add(new ChatMessage(ChatRole.System, rendered.SystemPrompt));
        }

        foreach (var example in rendered.Examples)
        {
            messages.Add(new ChatMessage(ChatRole.User, example.User));
            messages.Add(new ChatMessage(ChatRole.Assistant, example.Assistant));
        }

        return messages;
    }
}
