using System.Globalization;

namespace AssistantKit.Export.Tests;

public sealed class ExportContextTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("fr-CA")]
    [InlineData("ja-JP")]
    [InlineData("ar-SA")]
    [InlineData("fa-IR")]
    public void FormatTimestamp_IsTheCulturesGeneralFormatWithTheOffset(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        var context = new ExportContext(new Conversation { Id = "c" }, AsyncEnumerable.Empty<ConversationMessage>(), new ExportOptions(), culture, TimeZoneInfo.Utc, DateTimeOffset.UnixEpoch, []);
        DateTimeOffset[] times =
        [
            new(2025, 6, 2, 9, 30, 5, TimeSpan.FromHours(2)),
            new(2025, 6, 2, 21, 0, 0, TimeSpan.FromHours(2)), // same day and offset: from the kept texts
            new(2025, 12, 31, 23, 59, 59, TimeSpan.FromHours(-5.5)),
        ];

        foreach (var time in times)
        {
            var offset = (time.Offset < TimeSpan.Zero ? " UTC-" : " UTC+") + time.Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
            Assert.Equal(time.DateTime.ToString("G", culture) + offset, context.FormatTimestamp(time));
        }
    }
}
