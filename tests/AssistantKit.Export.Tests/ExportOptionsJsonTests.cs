using System.Text.Json;
using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Fluent;

namespace AssistantKit.Export.Tests;

public sealed partial class ExportOptionsJsonTests
{
    [Fact]
    public void Read_OnlySomeOptions_TheOthersKeepTheirDefaults()
    {
        // A source-generated context alone would set every missing init-only property to null/false.
        var options = JsonSerializer.Deserialize("""{"format":"pdf","MessageFilter":"assistant","dateRange":{"start":"2026-01-01T00:00:00Z"}}""", OptionsJson.Default.ExportOptions)!;

        Assert.Equal(new ExportOptions { Format = "pdf", MessageFilter = MessageFilter.Assistant, DateRange = new DateRange(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null) }, options);
    }

    [Theory]
    [InlineData("""{"fromat":"pdf"}""", "Unknown export option 'fromat'")]
    [InlineData("""{"includeMetadata":"yes"}""", "includeMetadata is true or false")]
    [InlineData("""{"messageFilter":"robots"}""", "messageFilter is one of: All, User, Assistant")]
    [InlineData("""{"messageFilter":"7"}""", "messageFilter is one of")]
    [InlineData("""{"csvSeparator":";;"}""", "csvSeparator is one character")]
    [InlineData("""{"dateRange":{"start":"last week"}}""", "dateRange.start is an ISO 8601 time")]
    [InlineData("""["pdf"]""", "a JSON object")]
    public void Read_Invalid_JsonExceptionNamingTheOption(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, OptionsJson.Default.ExportOptions));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteThenRead_AnyOptions_SameOptions()
    {
        var options =
            from format in Gen.Elements(ExportFormats.Json, ExportFormats.Pdf, "markdown")
            from flag in Gen.Elements(true, false)
            from range in Gen.Elements<DateRange?>(null, new DateRange(DateTimeOffset.UnixEpoch, null), new DateRange(null, new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.FromHours(2))))
            from filter in Gen.Elements(MessageFilter.All, MessageFilter.User, MessageFilter.Assistant)
            from separator in Gen.Elements(',', ';', '\t')
            select new ExportOptions
            {
                Format = format, IncludeMetadata = flag, IncludeTimestamps = !flag, IncludeReasoning = flag, DateRange = range, MessageFilter = filter,
                CsvSeparator = separator, TimeZone = "Europe/Berlin", Culture = "de", FileNameTemplate = "{id}", MaxEmbeddedAttachmentBytes = 7, IncludeAlternatives = flag,
            };

        Prop.ForAll(Arb.From(options), o => JsonSerializer.Deserialize(JsonSerializer.Serialize(o, OptionsJson.Default.ExportOptions), OptionsJson.Default.ExportOptions) == o)
            .QuickCheckThrowOnFailure();
    }

    [JsonSerializable(typeof(ExportOptions))]
    private sealed partial class OptionsJson : JsonSerializerContext;
}
