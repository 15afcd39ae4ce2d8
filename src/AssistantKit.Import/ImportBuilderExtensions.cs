using System.Diagnostics.CodeAnalysis;
using AssistantKit.Import;
using AssistantKit.Import.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantKit;

/// <summary>Adds conversation import to AssistantKit.</summary>
public static class ImportBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IConversationReader"/> and the built-in importers (assistantkit, chatgpt, librechat, openwebui,
    /// chatbotui, openai, anthropic, meai). Calling it more than once registers nothing twice.
    /// </summary>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddImport(this IAssistantKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<IConversationReader, ImportReader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, AssistantKitImporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, ChatGptImporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, ClaudeAiImporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, LibreChatImporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, OpenWebUiImporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, ChatbotUiImporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, OpenAiMessagesImporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, AnthropicMessagesImporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, ChatMessagesImporter>());
        return builder;
    }

    /// <summary>Adds a host's own importer. One whose <see cref="IConversationImporter.Format"/> repeats an earlier one's is ignored.</summary>
    /// <typeparam name="TImporter">The importer type.</typeparam>
    /// <param name="builder">The AssistantKit builder.</param>
    /// <returns>The builder.</returns>
    public static IAssistantKitBuilder AddImporter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImporter>(this IAssistantKitBuilder builder)
        where TImporter : class, IConversationImporter
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddImport();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConversationImporter, TImporter>());
        return builder;
    }
}
