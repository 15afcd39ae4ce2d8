namespace AssistantKit.Templates.Tests;

public sealed class CatalogTests
{
    private static readonly TemplateCatalog Catalog = TemplateCatalog.BuiltIn;

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task BuiltIn_EveryCultureHasTheFiveTemplatesCoveringEveryCategoryButCustom(string culture)
    {
        var templates = await Catalog.ListAsync(new TemplateQuery { Culture = culture }, TestContext.Current.CancellationToken);

        Assert.Equal(["business-analyst", "creative-writer", "customer-support-agent", "language-tutor", "technical-expert"], templates.Select(static t => t.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetValues<TemplateCategory>().Where(static c => c != TemplateCategory.Custom).Order(), templates.Select(static t => t.Category).Distinct().Order());
        Assert.All(templates, static t =>
        {
            Assert.True(t.Examples.Count >= 2, t.Id);
            Assert.True(t.Instructions.Length > 300, t.Id);
            Assert.True(t.Tags.Count >= 5, t.Id);
            Assert.Empty(Serialization.TemplateJson.Validate(t));
        });
    }

    [Fact]
    public async Task BuiltIn_CancelledToken_IsHonoured()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TemplateCatalog.BuiltIn.ListAsync(cancellationToken: cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TemplateCatalog.BuiltIn.GetAsync("language-tutor", cancellationToken: cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TemplateCatalog.BuiltIn.SearchAsync(new TemplateQuery { Text = "tutor" }, cancelled.Token).AsTask());
    }

    [Fact]
    public async Task BuiltIn_GermanNamesDifferAndFallBackToEnglishForOtherCultures()
    {
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal("Customer Support Agent", (await Catalog.GetAsync("customer-support-agent", "en", ct))!.Name);
        Assert.Equal("Kundenservice-Agent", (await Catalog.GetAsync("customer-support-agent", "de-AT", ct))!.Name);
        Assert.Equal("Customer Support Agent", (await Catalog.GetAsync("customer-support-agent", "fr", ct))!.Name);
        Assert.Null(await Catalog.GetAsync("nope", "en", ct));
    }

    [Theory]
    [InlineData("ubersetzung", "de", "language-tutor")]
    [InlineData("ÜBERSETZUNG", "de", "language-tutor")]
    [InlineData("sprachtutor", "de", "language-tutor")]
    [InlineData("Kundenservice", "de", "customer-support-agent")]
    [InlineData("debugging", "en", "technical-expert")]
    [InlineData("copy", "en", "creative-writer")]
    public async Task Search_CaseAndDiacriticInsensitive_FindsTheTemplate(string text, string culture, string expected)
    {
        var results = await Catalog.SearchAsync(new TemplateQuery { Text = text, Culture = culture }, TestContext.Current.CancellationToken);

        Assert.Equal(expected, results[0].Template.Id);
    }

    [Fact]
    public async Task Search_RanksNameAboveTagsAboveDescriptionAboveInstructions()
    {
        AssistantTemplate T(string id, string name, string tag = "x", string description = "", string instructions = "") =>
            new() { Id = id, Name = name, Tags = [tag], Description = description, Instructions = instructions, Examples = [new() { User = "u", Assistant = "a" }] };
        var catalog = TemplateCatalog.FromTemplates(
        [
            T("in-instructions", "Alpha", instructions: "talks about pirates"),
            T("in-description", "Beta", description: "pirates"),
            T("in-tags", "Gamma", tag: "pirates"),
            T("in-name", "Pirates Guide"),
            T("none", "Delta"),
        ]);

        var results = await catalog.SearchAsync(new TemplateQuery { Text = "pirate" }, TestContext.Current.CancellationToken);

        Assert.Equal(["in-name", "in-tags", "in-description", "in-instructions"], results.Select(static r => r.Template.Id));
    }

    [Fact]
    public async Task Search_EveryWordMustMatchAndFiltersApply()
    {
        var ct = TestContext.Current.CancellationToken;

        Assert.Single(await Catalog.SearchAsync(new TemplateQuery { Text = "customer helpdesk" }, ct));
        Assert.Empty(await Catalog.SearchAsync(new TemplateQuery { Text = "customer poetry" }, ct));
        Assert.Single(await Catalog.SearchAsync(new TemplateQuery { Tags = ["KPI"] }, ct));
        Assert.Equal("creative-writer", Assert.Single(await Catalog.ListAsync(new TemplateQuery { Category = TemplateCategory.Creative }, ct)).Id);
        Assert.Equal(2, (await Catalog.ListAsync(new TemplateQuery { Skip = 1, Take = 2 }, ct)).Count);
    }
}
