using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AssistantKit.Samples.Dashboard;

/// <summary>One widget on the overview: which, and how wide.</summary>
public sealed record WidgetPlacement(string Id, string Size);

/// <summary>A user's overview layout: the widgets in order. <see cref="Owner"/> is whose it is (set by the server).</summary>
public sealed record DashboardLayout(int Version, string? Owner, IReadOnlyList<WidgetPlacement>? Widgets);

/// <summary>
/// Overview layouts per signed-in user, one JSON file each in the data folder, named by a hash of the user id (no user
/// text ever becomes a path). A layout from the browser is checked like any other input before anything is stored.
/// </summary>
public sealed class DashboardLayouts(string folder)
{
    /// <summary>The largest layout document accepted.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>Every widget there is.</summary>
    public static readonly IReadOnlyList<string> Widgets =
    [
        "stat:totalConversations", "stat:messagesToday", "stat:activeUsers", "stat:avgResponseSeconds", "stat:templatesUsed",
        "health", "activity", "users", "notifications",
    ];

    /// <summary>Layouts to start from.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<WidgetPlacement>> Templates = new Dictionary<string, IReadOnlyList<WidgetPlacement>>
    {
        ["operations"] =
        [
            new("stat:totalConversations", "small"), new("stat:messagesToday", "small"), new("stat:activeUsers", "small"), new("stat:avgResponseSeconds", "small"),
            new("health", "wide"), new("activity", "wide"), new("users", "small"), new("notifications", "small"),
        ],
        ["support"] = [new("notifications", "wide"), new("activity", "wide"), new("users", "small"), new("stat:avgResponseSeconds", "small"), new("stat:activeUsers", "small")],
        ["minimal"] = [new("stat:totalConversations", "small"), new("stat:messagesToday", "small"), new("health", "wide")],
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a layout document from the browser (check it with <see cref="Problem"/>).</summary>
    /// <exception cref="JsonException">It is not a layout document.</exception>
    public static DashboardLayout? Parse(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize<DashboardLayout>(utf8Json, Json);

    /// <summary>Gets the user's layout, or the "operations" template when they have none.</summary>
    public DashboardLayout Get(string user) =>
        File.Exists(PathOf(user)) && JsonSerializer.Deserialize<DashboardLayout>(File.ReadAllText(PathOf(user)), Json) is { } stored
            ? stored with { Owner = user }
            : new DashboardLayout(1, user, Templates["operations"]);

    /// <summary>Stores the user's layout (whole or not at all).</summary>
    public void Save(string user, DashboardLayout layout)
    {
        Directory.CreateDirectory(folder);
        var temporary = PathOf(user) + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(layout with { Owner = user }, Json));
        File.Move(temporary, PathOf(user), overwrite: true);
    }

    /// <summary>Says what is wrong with a layout from the browser, or <see langword="null"/> when nothing is.</summary>
    public static string? Problem(DashboardLayout? layout)
    {
        if (layout is null || layout.Widgets is null)
        {
            return "A layout is {\"version\": 1, \"widgets\": [{\"id\": ..., \"size\": \"small\" | \"wide\"}]}.";
        }

        if (layout.Version != 1)
        {
            return $"Layout version {layout.Version} is not known; this dashboard reads version 1.";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < layout.Widgets.Count; i++)
        {
            var widget = layout.Widgets[i];
            if (widget is null || !Widgets.Contains(widget.Id))
            {
                return $"widgets[{i}]: unknown widget '{widget?.Id}'. Known: {string.Join(", ", Widgets)}.";
            }

            if (widget.Size is not ("small" or "wide"))
            {
                return $"widgets[{i}] ({widget.Id}): size is \"small\" or \"wide\", not '{widget.Size}'.";
            }

            if (!seen.Add(widget.Id))
            {
                return $"widgets[{i}]: '{widget.Id}' is already on the layout.";
            }
        }

        return null;
    }

    private string PathOf(string user) => Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user))) + ".json");
}
