using Markdig;

namespace AssistantKit.Text;

/// <summary>The Markdig pipeline for untrusted message bodies: the one definition that HTML, TXT and PDF rendering share.</summary>
/// <remarks>Shared source: compiled into each package that renders Markdown (no package sees another's internals).</remarks>
internal static class UntrustedMarkdown
{
    /// <summary>Built once, immutable and thread-safe: CommonMark plus pipe tables, strikethrough and task lists; raw HTML is text.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseTaskLists()
        .UseAutoLinks()
        .UseReferralLinks("nofollow", "noopener", "noreferrer")
        .DisableHtml()
        .Build();
}
