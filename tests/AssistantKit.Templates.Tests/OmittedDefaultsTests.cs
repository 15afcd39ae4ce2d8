using AssistantKit.Templates.Serialization;

namespace AssistantKit.Templates.Tests;

/// <summary>What a template document leaves out reads as the model's default (source-generated contexts alone reset it).</summary>
public sealed class OmittedDefaultsTests
{
    [Fact]
    public void Template_WithoutIsActiveCategoryOrVisibility_IsAnActivePrivateCustomTemplate()
    {
        var template = TemplateJson.Read("""{"id":"a","name":"A","examples":[{"user":"u","assistant":"a"}],"variables":[{"name":"x"}]}""")[0];

        Assert.Equal((true, TemplateCategory.Custom, TemplateVisibility.Private, TemplateVariableType.Text), (template.IsActive, template.Category, template.Visibility, template.Variables[0].Type));
        var defaults = new AssistantTemplate { Id = "a", Name = "A" };
        Assert.Equal((defaults.IsActive, defaults.Category), (template.IsActive, template.Category));
    }

    [Fact]
    public void Template_WithThemGiven_KeepsWhatWasGiven()
    {
        var template = TemplateJson.Read("""{"id":"a","name":"A","isActive":false,"category":"support","examples":[{"user":"u","assistant":"a"}]}""")[0];

        Assert.Equal((false, TemplateCategory.Support), (template.IsActive, template.Category));
    }
}
