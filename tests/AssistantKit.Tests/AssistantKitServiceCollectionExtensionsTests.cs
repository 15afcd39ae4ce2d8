using AssistantKit.Export;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AssistantKit.Tests;

public sealed class AssistantKitServiceCollectionExtensionsTests
{
    [Fact]
    public void AddAssistantKit_ResolvesEveryFeature()
    {
        using var provider = new ServiceCollection().AddAssistantKit().Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var exporter = provider.GetRequiredService<IConversationExporter>();

        Assert.Equal(["csv", "html", "json", "markdown", "pdf", "txt"], exporter.Formats.Order(StringComparer.Ordinal));
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(9, provider.GetRequiredService<AssistantKit.Import.IConversationReader>().Importers.Count);
        Assert.Same(AssistantKit.Templates.TemplateCatalog.BuiltIn, provider.GetRequiredService<AssistantKit.Templates.ITemplateCatalog>());
        Assert.IsType<AssistantKit.Templates.InMemoryTemplateStore>(provider.GetRequiredService<AssistantKit.Templates.ITemplateStore>());
        Assert.NotNull(provider.GetRequiredService<AssistantKit.Templates.TemplateRenderer>());
    }

    [Fact]
    public void AddAssistantKit_CalledTwice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddAssistantKit();
        var twice = new ServiceCollection();
        twice.AddAssistantKit();
        twice.AddAssistantKit(static b => b.AddExport());

        Assert.Equal(Describe(once), Describe(twice));
        using var provider = twice.BuildServiceProvider();
        Assert.Equal(6, provider.GetServices<IExportFormatter>().Count());
    }

    [Fact]
    public void AddAssistantKit_HostRegisteredItsOwnServicesFirst_TheirsWinAndNothingIsDropped()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConversationExporter, HostExporter>();
        services.AddSingleton(TimeProvider.System);
        services.AddAssistantKit();

        Assert.Single(services, static d => d.ServiceType == typeof(IConversationExporter));
        using var provider = services.BuildServiceProvider();
        Assert.IsType<HostExporter>(provider.GetRequiredService<IConversationExporter>());
        // The formatters and the reader are still registered: a host can use them with its own exporter.
        Assert.Equal(["csv", "html", "json", "markdown", "pdf", "txt"], provider.GetServices<IExportFormatter>().Select(static f => f.Format).Order(StringComparer.Ordinal));
        Assert.NotNull(provider.GetRequiredService<AssistantKit.Import.IConversationReader>());
        Assert.Single(services, static d => d.ServiceType == typeof(TimeProvider));
    }

    private sealed class HostExporter : IConversationExporter
    {
        public IReadOnlyCollection<string> Formats => [];

        public Task<ExportResult> ExportAsync(Conversation conversation, ExportOptions options, Stream destination, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ExportResult> ExportAsync(Conversation header, IAsyncEnumerable<ConversationMessage> messages, ExportOptions options, Stream destination, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ExportResult> ExportToDirectoryAsync(Conversation conversation, ExportOptions options, string directory, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BatchExportResult> ExportBatchAsync(IAsyncEnumerable<Conversation> conversations, ExportOptions options, Stream destination, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public void Validate(ExportOptions options) => throw new NotSupportedException();

        public Task<BatchExportResult> ExportBatchAsync(IReadOnlyList<string> conversationIds, Func<string, CancellationToken, ValueTask<Conversation?>> load, ExportOptions options, Stream destination, IProgress<BatchItemResult>? progress = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    [Fact]
    public void AddAssistantKit_Services_AreSingletons()
    {
        var services = new ServiceCollection();
        services.AddAssistantKit();

        Assert.All(
            services.Where(static d => d.ServiceType == typeof(IConversationExporter) || d.ServiceType == typeof(IExportFormatter) || d.ServiceType == typeof(TimeProvider)),
            static d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        Assert.Same(provider.GetRequiredService<IConversationExporter>(), scope.ServiceProvider.GetRequiredService<IConversationExporter>());
    }

    [Fact]
    public void AddAssistantKit_HostTimeProvider_IsKept()
    {
        var services = new ServiceCollection();
        var custom = new FixedTimeProvider();
        services.AddSingleton<TimeProvider>(custom);
        services.AddAssistantKit();

        using var provider = services.BuildServiceProvider();

        Assert.Same(custom, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddExport_InvalidOptions_FailAtStartWithAClearMessage()
    {
        var services = new ServiceCollection();
        services.AddAssistantKit(static b => b.AddExport(static o => o.TemporaryDirectory = "/no/such/directory"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("TemporaryDirectory '/no/such/directory' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddExport_ValidOptions_PassStartValidation()
    {
        var services = new ServiceCollection();
        services.AddAssistantKit(static b => b.AddExport(static o => o.TemporaryDirectory = Path.GetTempPath()));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(Path.GetTempPath(), provider.GetRequiredService<IOptions<ExportServiceOptions>>().Value.TemporaryDirectory);
    }

    [Fact]
    public void AddTemplates_Options_ChooseStoreAndRemoteCatalogAndAreValidatedAtStart()
    {
        var directory = Directory.CreateTempSubdirectory("ak-di-").FullName;
        try
        {
            var services = new ServiceCollection();
            services.AddAssistantKit(b => b.AddTemplates(o =>
            {
                o.StoreDirectory = directory;
                o.RemoteCatalog.Url = new Uri("https://templates.example.com/catalog-{culture}.json");
            }));
            using var provider = services.BuildServiceProvider();

            provider.GetRequiredService<IStartupValidator>().Validate();
            Assert.IsType<AssistantKit.Templates.FileSystemTemplateStore>(provider.GetRequiredService<AssistantKit.Templates.ITemplateStore>());
            Assert.IsType<AssistantKit.Templates.RemoteTemplateCatalog>(provider.GetRequiredService<AssistantKit.Templates.ITemplateCatalog>());

            var bad = new ServiceCollection();
            bad.AddAssistantKit(static b => b.AddTemplates(static o => { o.RemoteCatalog.Url = new Uri("ftp://x/"); o.RemoteCatalog.Timeout = TimeSpan.Zero; }));
            using var badProvider = bad.BuildServiceProvider();
            var ex = Assert.Throws<OptionsValidationException>(() => badProvider.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains("must be an absolute http or https URL", ex.Message, StringComparison.Ordinal);
            Assert.Contains("TemplatesOptions.RemoteCatalog.Timeout must be at least 00:00:00.0010000", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string[] Describe(IServiceCollection services) =>
        services.Select(static d => $"{d.ServiceType.FullName}|{d.ImplementationType?.FullName}|{d.Lifetime}").ToArray();

    private sealed class FixedTimeProvider : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
