using System.Globalization;
using System.Text.Json;
using AssistantKit.Samples.Dashboard;
using AssistantKit.TestUtils;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace AssistantKit.Samples.Dashboard.Tests;

/// <summary>The dashboard in headless Chromium (Debian's chromium, driven by Playwright; no browser is downloaded).</summary>
public sealed class DashboardBrowserTests
{
    /// <summary>Where screenshots go: docs/images when ASSISTANTKIT_SCREENSHOTS names it, else a temporary directory.</summary>
    private static readonly string Screenshots = Environment.GetEnvironmentVariable("ASSISTANTKIT_SCREENSHOTS") ?? Path.Combine(Path.GetTempPath(), "assistantkit-screenshots");

    private sealed class Session : IAsyncDisposable
    {
        private Session(RunningDashboard dashboard, TcpProxy proxy, IPlaywright playwright, IBrowser browser, IPage page)
        {
            Dashboard = dashboard;
            Proxy = proxy;
            Playwright = playwright;
            Browser = browser;
            Page = page;
        }

        public RunningDashboard Dashboard { get; }

        public WebApplication App => Dashboard.App;

        public TcpProxy Proxy { get; }

        public IPlaywright Playwright { get; }

        public IBrowser Browser { get; }

        public IPage Page { get; }

        public static async Task<Session> StartAsync()
        {
            var chromium = ExternalProgram.Require("chromium", "chromium");
            var dashboard = await RunningDashboard.StartAsync();
            var proxy = new TcpProxy(new Uri(dashboard.App.Urls.First()).Port);
            var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 }, AcceptDownloads = true, Locale = "en-US" });
            await page.GotoAsync($"http://127.0.0.1:{proxy.Port}/");
            return new Session(dashboard, proxy, playwright, browser, page);
        }

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            Playwright.Dispose();
            await Proxy.DisposeAsync();
            await Dashboard.DisposeAsync();
        }
    }

    [Fact]
    public async Task Overview_ShowsLiveValuesThatChange_AndReconnectsWithoutMissingEvents()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        await Expect(page.Locator("#connection[data-state=connected]"));
        await page.WaitForFunctionAsync("() => document.querySelector('#cpu').textContent !== '–' && document.querySelectorAll('#activity li').length >= 2");
        var me = await page.EvaluateAsync<string>("() => localStorage.getItem('ak.user')");
        await Expect(page.Locator($"#users li[data-user='{me}']")); // presence from this browser's connection
        var first = await page.Locator("#activity li").First.GetAttributeAsync("data-id");
        var messages = await page.Locator("[data-stat=messagesToday] .value").TextContentAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('#activity li').dataset.id !== '{first}'");
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-stat=messagesToday] .value').textContent !== '{messages}'");
        // Each card also draws the last minutes of its value as a small line chart.
        await page.WaitForFunctionAsync("() => Number(document.querySelector('[data-stat=messagesToday] svg.spark')?.dataset.points) >= 2");
        Assert.Equal("img", await page.Locator("[data-stat=messagesToday] svg.spark").GetAttributeAsync("role"));

        await Expect(page.Locator("#connection[data-state=connected]"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#activity li').length >= 2");
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-overview.png") });

        // The network drops: the indicator says so, and after recovery the feed has every activity, none twice.
        session.Proxy.Freeze();
        session.Proxy.KillAll();
        await Expect(page.Locator("#connection[data-state=reconnecting]"));
        await Task.Delay(2_000, TestContext.Current.CancellationToken); // activities keep being published meanwhile
        session.Proxy.Thaw();
        await Expect(page.Locator("#connection[data-state=connected]"));
        var before = await ActivityNumbers(page);
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#activity li').length > {before.Count}");
        var numbers = await ActivityNumbers(page);
        Assert.Equal(Enumerable.Range(numbers.Min(), numbers.Count), numbers.Order());
    }

    [Fact]
    public async Task ExportDialog_DownloadsFilesThatParse()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        await page.ClickAsync(".tab[data-view=history]");
        var row = page.Locator("#conversations tr", new() { HasText = "Planning a weekend in Köln" });

        foreach (var format in new[] { "json", "csv", "pdf" })
        {
            await row.Locator("button.export").ClickAsync();
            await page.SelectOptionAsync("select[name=format]", format);
            await page.SelectOptionAsync("select[name=filter]", "User");
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-go"));
            var path = await download.PathAsync();
            Assert.EndsWith("." + format, download.SuggestedFilename, StringComparison.Ordinal);
            var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            switch (format)
            {
                case "json":
                    using (var json = JsonDocument.Parse(bytes))
                    {
                        Assert.All(json.RootElement.GetProperty("messages").EnumerateArray(), m => Assert.Equal("user", m.GetProperty("role").GetString()));
                    }

                    break;
                case "csv":
                    await using (var reader = CsvHelper.CsvReader.Create(new MemoryStream(bytes), new CsvHelper.CsvReaderOptions { HasHeader = true }, leaveOpen: false))
                    {
                        var roles = new List<string>();
                        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                        {
                            roles.Add(reader.GetString(4));
                        }

                        Assert.NotEmpty(roles);
                        Assert.All(roles, r => Assert.Equal("user", r));
                    }

                    break;
                default:
                    Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
                    break;
            }
        }

        // Batch: two conversations into one ZIP with a manifest.
        await page.Locator("#conversations input[type=checkbox]").Nth(0).CheckAsync();
        await page.Locator("#conversations input[type=checkbox]").Nth(1).CheckAsync();
        var zipDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#batch-export"));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(await zipDownload.PathAsync()))
        {
            Assert.Contains(zip.Entries, e => e.Name == "manifest.json");
            Assert.Equal(2, zip.Entries.Count(e => e.Name != "manifest.json"));
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-history.png") });
    }

    [Fact]
    public async Task Widgets_DragAndKeyboardReorder_HoldForThatUserOnly_AndBadLayoutsAreRefused()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        const string Order = "() => [...document.querySelectorAll('#widgets [data-widget]')].map(w => w.dataset.widget)";
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#widgets [data-widget]').length === 8");
        var initial = await page.EvaluateAsync<string[]>(Order);
        Assert.Equal("stat:totalConversations", initial[0]); // the "Operations" template until the user changes it

        Assert.False(await page.Locator("#layout-tools").IsVisibleAsync()); // editing tools only while customizing

        // Mouse: drag Activity onto the first widget.
        await page.ClickAsync("#customize-layout");
        Assert.True(await page.Locator("#layout-tools").IsVisibleAsync());
        await page.DragAndDropAsync("[data-widget=activity]", "[data-widget='stat:totalConversations']");
        Assert.Equal("activity", (await page.EvaluateAsync<string[]>(Order))[0]);

        // Keyboard only: focus a widget, move it with the arrow keys; a screen reader hears where it went.
        await page.FocusAsync("[data-widget=users]");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("ArrowLeft");
        var afterKeys = await page.EvaluateAsync<string[]>(Order);
        Assert.Equal(Array.IndexOf(initial, "users") - 2, Array.IndexOf(afterKeys, "users"));
        Assert.Equal("users", await page.EvaluateAsync<string>("() => document.activeElement.dataset.widget")); // focus stays on it
        Assert.Matches(@"^Online users: position \d of 8$", await page.Locator("#layout-live").TextContentAsync());
        Assert.Equal("assertive", await page.Locator("#layout-live").GetAttributeAsync("aria-live"));
        await page.FocusAsync("[data-widget=health]");
        await page.Keyboard.PressAsync("Delete"); // removed from the layout, offered to add back
        await page.WaitForFunctionAsync("() => !!document.querySelector('#widget-add option[value=health]')");
        await page.ClickAsync("[data-widget=activity] .widget-size"); // resized: wide in the template, now small
        var layout = await page.EvaluateAsync<string[]>(Order);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-widgets.png") });

        // The layout is the server's, for this user: it holds after a reload...
        await page.ReloadAsync();
        await page.WaitForFunctionAsync($"() => ({Order})().join() === '{string.Join(',', layout)}'");
        Assert.DoesNotContain("wide", await page.Locator("[data-widget=activity]").GetAttributeAsync("class"), StringComparison.Ordinal);

        // ... and another user still has the template.
        await page.EvaluateAsync("() => localStorage.setItem('ak.user', 'Somebody42')");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync($"() => ({Order})().join() === '{string.Join(',', initial)}'");

        // A layout from the browser is checked like any input; nothing stored changes when it is refused.
        var statuses = await page.EvaluateAsync<int[]>("""
            async () => {
              const put = (body) => fetch('/api/layout', { method: 'PUT', headers: { authorization: 'Bearer demo:Somebody42', 'content-type': 'application/json' }, body }).then(r => r.status);
              return [
                await put('{"version":1,"widgets":[{"id":"stat:activeUsers","size":"small"}'),
                await put(JSON.stringify({ version: 1, widgets: [{ id: '<img src=x onerror=alert(1)>', size: 'small' }] })),
                await put(JSON.stringify({ version: 1, widgets: [{ id: 'health', size: 'huge' }] })),
                await put(JSON.stringify({ version: 1, widgets: [{ id: 'health', size: 'wide' }, { id: 'health', size: 'small' }] })),
                await put(JSON.stringify({ version: 1, widgets: Array.from({ length: 2000 }, () => ({ id: 'health', size: 'small' })) })),
                await put(JSON.stringify({ version: 1, owner: 'ada', widgets: [] })),
                await fetch('/api/layout', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"version":1,"widgets":[]}' }).then(r => r.status),
              ];
            }
            """);
        Assert.Equal([400, 400, 400, 400, 400, 403, 401], statuses);
        await page.ReloadAsync();
        await page.WaitForFunctionAsync($"() => ({Order})().join() === '{string.Join(',', initial)}'");
    }

    [Fact]
    public async Task Viewer_TenThousandMessages_OnlyWhatIsOnScreenIsInThePage_AndScrollingNeverBlocks()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        // Long tasks (over 50 ms on the main thread) from here on, as the browser reports them.
        await page.EvaluateAsync("() => { window.longTasks = []; new PerformanceObserver(l => l.getEntries().forEach(e => window.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true }); }");
        await page.ClickAsync(".tab[data-view=history]");
        await page.ClickAsync("button.open[data-id=long-10000]");
        await page.WaitForFunctionAsync("() => document.querySelector('#viewer .message[data-index=\"0\"] .text:not(.muted)')");
        Assert.Equal("Load test: 10,000 messages", await page.Locator("#viewer-title").TextContentAsync());

        var mostRows = 0;
        for (var step = 1; step <= 25; step++)
        {
            await page.EvaluateAsync($"() => {{ const s = document.getElementById('viewer-scroll'); s.scrollTop = s.scrollHeight * {step} / 25; }}");
            await page.WaitForFunctionAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
            mostRows = Math.Max(mostRows, await page.Locator("#viewer .message").CountAsync());
        }

        await page.WaitForFunctionAsync("() => document.querySelector('#viewer .message[data-index=\"9999\"] .text:not(.muted)')");
        var last = await page.Locator("#viewer .message[data-index=\"9999\"]").InnerTextAsync();
        var longTasks = await page.EvaluateAsync<double[]>("() => window.longTasks");

        Assert.InRange(mostRows, 1, 299); // of 10,000
        Assert.Contains("#10000", last, StringComparison.Ordinal);
        Assert.Contains("Answer 10000", last, StringComparison.Ordinal);
        Assert.True(longTasks.Length == 0 || longTasks.Max() < 200, $"Long tasks: {string.Join(", ", longTasks)} ms");
        // Markdown arrives as elements made from text: **measure** is bold, `await` is code, nothing is HTML.
        Assert.Equal("measure", await page.Locator("#viewer .message[data-index=\"9999\"] strong").TextContentAsync());
        Assert.Equal("await", await page.Locator("#viewer .message[data-index=\"9999\"] code").TextContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-viewer.png") });
    }

    [Fact]
    public async Task History_PagesAndAdvancedSearch()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        await page.ClickAsync(".tab[data-view=history]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#conversations tr').length > 1");
        var all = await page.Locator("#conversations tr").CountAsync();
        var paged = await page.EvaluateAsync<int[]>("async () => { const r = await (await fetch('/api/conversations?pageSize=2&page=2')).json(); return [r.items.length, r.total, r.page]; }");
        Assert.Equal([2, all, 2], paged); // the API pages; nothing returns everything at once

        await page.FillAsync("#search-form input[name=q]", "Answer 10000");
        await page.ClickAsync("#search-go");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#conversations tr').length === 1");
        Assert.Equal("long-10000", await page.Locator("#conversations tr").GetAttributeAsync("data-id"));

        await page.SelectOptionAsync("#search-form select[name=role]", "user"); // "Answer …" is the assistant's
        await page.ClickAsync("#search-go");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#conversations tr').length === 0");

        await page.FillAsync("#search-form input[name=q]", "");
        await page.SelectOptionAsync("#search-form select[name=role]", "");
        await page.FillAsync("#search-form input[name=model]", "gpt-4o-mini");
        await page.ClickAsync("#search-go");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#conversations tr').length === 1");
        await page.FillAsync("#search-form input[name=model]", "");
        await page.FillAsync("#search-form input[name=from]", "2025-03-01");
        await page.FillAsync("#search-form input[name=to]", "2025-03-01");
        await page.ClickAsync("#search-go");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#conversations tr').length === 1");
        Assert.Equal("1–1 of 1", await page.Locator("#page-info").TextContentAsync());
    }

    [Fact]
    public async Task Keyboard_ShortcutsAndRowMenus_WorkWithoutAMouse()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await Expect(page.Locator("#connection[data-state=connected]"));

        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("#help[open]"));
        Assert.Contains("Shift+F10", (await page.Locator("#help").InnerTextAsync()).Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Escape");
        Assert.False(await page.Locator("#help").IsVisibleAsync());

        await page.Keyboard.PressAsync("3"); // chat history
        await Expect(page.Locator("#history:not([hidden])"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#conversations tr').length > 1");
        await page.Keyboard.PressAsync("/");
        Assert.Equal("q", await page.EvaluateAsync<string>("() => document.activeElement.name"));

        // A row's menu from the keyboard: Shift+F10, arrows, Enter.
        await page.FocusAsync("#conversations tr[data-id=long-10000]");
        await page.Keyboard.PressAsync("Shift+F10");
        await Expect(page.Locator("#row-menu:not([hidden])"));
        Assert.Equal("open", await page.EvaluateAsync<string>("() => document.activeElement.dataset.action"));
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#export-dialog[open]"));
        await page.Keyboard.PressAsync("Escape");

        await page.FocusAsync("#conversations tr[data-id=long-10000]");
        await page.Keyboard.PressAsync("Shift+F10");
        await page.Keyboard.PressAsync("End"); // "Copy link"
        await page.Keyboard.PressAsync("Enter");
        var link = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.EndsWith("/#history/long-10000", link, StringComparison.Ordinal);
        Assert.True(await page.Locator("#row-menu").IsHiddenAsync());
        Assert.Equal("long-10000", await page.EvaluateAsync<string>("() => document.activeElement.dataset.id")); // focus back on the row

        // Escape closes the menu and gives the row its focus back; the menu also opens with a right click.
        await page.Keyboard.PressAsync("Shift+F10");
        await page.Keyboard.PressAsync("Escape");
        Assert.True(await page.Locator("#row-menu").IsHiddenAsync());
        await page.ClickAsync("#conversations tr[data-id=long-10000] td:nth-child(3)", new() { Button = MouseButton.Right });
        await Expect(page.Locator("#row-menu:not([hidden])"));
        await page.Keyboard.PressAsync("Enter"); // "Open"
        await Expect(page.Locator("#viewer[open]"));

        // The copied link opens that conversation, in a page loaded afresh.
        await page.Keyboard.PressAsync("Escape");
        await page.GotoAsync("about:blank");
        await page.GotoAsync(link);
        await Expect(page.Locator("#viewer[open]"));
        Assert.Equal("Load test: 10,000 messages", await page.Locator("#viewer-title").TextContentAsync());
    }

    [Fact]
    public async Task TemplateEditor_PreviewFollowsTyping_ErrorsAtTheirField_SaveMakesAVersionWithADiff()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        await page.ClickAsync(".tab[data-view=assistants]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#templates .template').length >= 5");
        await page.Locator("#templates .template", new() { HasText = "Customer Support Agent" }).Locator("button").ClickAsync();
        await page.ClickAsync("#customize-save");
        await page.Locator("#my-templates li button.edit").First.ClickAsync();
        await Expect(page.Locator("#editor[open]"));
        await page.WaitForFunctionAsync("() => document.getElementById('preview-prompt').textContent.length > 0");

        // Typing updates the preview: the system prompt and the example exchange as TemplateRenderer and ToChatMessages make them.
        await page.FillAsync("#editor-form textarea[name=variables]", "company_name=Acme\ncustomer=Ada");
        await page.FillAsync("#editor-form textarea[name=instructions]", "Greet {{customer}} by name.");
        await page.FillAsync("#editor-form input[name=exampleUser]", "Hi, I am {{customer}}");
        await page.FillAsync("#editor-form input[name=exampleAssistant]", "Welcome back!");
        await page.WaitForFunctionAsync("() => document.getElementById('preview-prompt').textContent.includes('Greet Ada by name.')");
        Assert.Contains("You are Acme's customer support agent", await page.Locator("#preview-prompt").TextContentAsync(), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => document.querySelector('#preview-messages li[data-role=user]')?.textContent.includes('Hi, I am Ada')");
        Assert.Contains("Welcome back!", await page.Locator("#preview-messages li[data-role=assistant]").TextContentAsync(), StringComparison.Ordinal);

        // An invalid variable: the SDK's own validation, shown at the variables field.
        await page.FillAsync("#editor-form textarea[name=variables]", "company_name=Acme\ncustomer=Ada\nbad name!=x");
        await page.WaitForFunctionAsync("() => document.getElementById('err-variables').textContent.length > 0");
        Assert.Contains("letters, digits and underscores", await page.Locator("#err-variables").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.Locator("#editor-form textarea[name=variables]").GetAttributeAsync("aria-invalid"));
        Assert.Equal("err-variables", await page.Locator("#editor-form textarea[name=variables]").GetAttributeAsync("aria-describedby"));
        Assert.Equal("", await page.Locator("#err-instructions").TextContentAsync()); // only where it belongs
        await page.FillAsync("#editor-form textarea[name=variables]", "company_name=Acme\ncustomer=Ada");
        await page.WaitForFunctionAsync("() => document.getElementById('err-variables').textContent === ''");

        // Save makes a version; the diff against the previous one is one click away.
        await page.ClickAsync("#editor-save");
        await Expect(page.Locator("#editor-message", new() { HasText = "version 2" }));
        await page.ClickAsync("#editor-diff-go");
        await Expect(page.Locator("#editor-diff li[data-field=instructions]"));
        Assert.Contains("Greet {{customer}} by name.", await page.Locator("#editor-diff li[data-field=instructions] ins").TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-template-editor.png") });
    }

    /// <summary>
    /// The few accessibility rules an axe-style pass would call critical or serious, checked in the page: controls and
    /// images have names, form fields have labels, ids are unique, no positive tabindex, the page has a language, open
    /// dialogs and menus are named or hold named items.
    /// </summary>
    private const string AccessibilityCheck = """
        () => {
          const problems = [];
          const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length) && !e.closest('[hidden]');
          const name = (e) => (e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent || '').join('') || e.textContent || e.title || '').trim();
          if (!document.documentElement.lang) problems.push('html has no lang');
          for (const b of document.querySelectorAll('button, [role=menuitem], a[href]')) if (visible(b) && !name(b)) problems.push(`unnamed control: ${b.outerHTML.slice(0, 80)}`);
          for (const i of document.querySelectorAll('svg[role=img], img')) if (visible(i) && !(i.getAttribute('aria-label') || i.getAttribute('alt'))) problems.push(`image without text: ${i.outerHTML.slice(0, 80)}`);
          for (const f of document.querySelectorAll('input, select, textarea')) {
            if (!visible(f) || f.type === 'hidden') continue;
            const labelled = f.closest('label') || f.getAttribute('aria-label') || f.getAttribute('aria-labelledby') || (f.id && document.querySelector(`label[for="${f.id}"]`));
            if (!labelled) problems.push(`field without label: ${f.outerHTML.slice(0, 80)}`);
          }
          const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
          for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(`duplicate id: ${id}`);
          for (const e of document.querySelectorAll('[tabindex]')) if (Number(e.getAttribute('tabindex')) > 0) problems.push(`positive tabindex: ${e.outerHTML.slice(0, 80)}`);
          for (const d of document.querySelectorAll('dialog[open], [role=menu]:not([hidden])')) if (d.tagName === 'DIALOG' && !name(d)) problems.push(`unnamed dialog: ${d.id}`);
          for (const e of document.querySelectorAll('[aria-describedby]')) for (const id of e.getAttribute('aria-describedby').split(' ')) if (!document.getElementById(id)) problems.push(`aria-describedby to nothing: ${id}`);
          return problems;
        }
        """;

    [Fact]
    public async Task Accessibility_EveryViewAndPopup_NoCriticalProblems()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        await Expect(page.Locator("#connection[data-state=connected]"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#widgets [data-widget]').length > 0");
        var problems = new List<string>();
        async Task Check(string where) => problems.AddRange((await page.EvaluateAsync<string[]>(AccessibilityCheck)).Select(p => $"{where}: {p}"));

        // The check itself finds what it looks for: an unnamed button, an unlabelled field, a repeated id.
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('afterbegin', '<div id=\"probe\"><button></button><input><span id=\"probe\"></span></div>')");
        Assert.Equal(3, (await page.EvaluateAsync<string[]>(AccessibilityCheck)).Length);
        await page.EvaluateAsync("() => document.querySelectorAll('#probe').forEach(e => e.remove())");

        await Check("overview");
        await page.ClickAsync("#customize-layout");
        await Check("overview, customizing");
        foreach (var view in new[] { "assistants", "history", "exports" })
        {
            await page.ClickAsync($".tab[data-view={view}]");
            await page.WaitForTimeoutAsync(300);
            await Check(view);
        }

        await page.ClickAsync(".tab[data-view=history]");
        await page.FocusAsync("#conversations tr[data-id=long-10000]");
        await page.Keyboard.PressAsync("Shift+F10");
        await Check("row menu");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('#viewer .message .text:not(.muted)')");
        await Check("viewer");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("?");
        await Check("help");
        await page.Keyboard.PressAsync("Escape");
        await page.SelectOptionAsync("#language", "de");
        await Check("German");

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Exports_BatchInTheBackground_ProgressMovesLive_DownloadWhenDone_AndASchedule()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        await Expect(page.Locator("#connection[data-state=connected]"));
        await page.ClickAsync(".tab[data-view=exports]");
        await Expect(page.Locator("#jobs td.none"));
        // Every value the progress bar shows while the job runs, as export_progress events move it.
        await page.EvaluateAsync("() => { window.seen = []; new MutationObserver(() => document.querySelectorAll('#jobs progress').forEach(p => window.seen.push(p.value))).observe(document.getElementById('jobs'), { childList: true, subtree: true }); }");
        var conversations = await page.EvaluateAsync<int>("async () => (await (await fetch('/api/conversations?pageSize=100')).json()).items.filter(c => c.messages < 1000).length");

        await page.SelectOptionAsync("#job-form select[name=format]", "pdf");
        await page.FillAsync("#job-form input[name=copies]", "60");
        await page.ClickAsync("#job-start");
        await page.WaitForSelectorAsync("#jobs tr[data-state=succeeded]", new() { Timeout = 180_000 });

        var total = conversations * 60;
        var seen = await page.EvaluateAsync<double[]>("() => window.seen");
        Assert.Contains(seen, v => v > 0 && v < total); // the bar moved while the job ran, not only at the end
        var moving = seen.Where(v => v > 0).ToArray();
        Assert.Equal(moving.Order(), moving); // and never backwards
        Assert.Equal($" {total} / {total}", await page.Locator("#jobs tr[data-state=succeeded] .count").TextContentAsync());
        var zipDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#jobs tr[data-state=succeeded] button.download"));
        using (var zip = System.IO.Compression.ZipFile.OpenRead(await zipDownload.PathAsync()))
        {
            Assert.Equal(total, zip.Entries.Count(e => e.Name.EndsWith(".pdf", StringComparison.Ordinal))); // every copy, each under its own name
            Assert.Contains(zip.Entries, e => e.Name == "manifest.json");
        }

        await page.FillAsync("#schedule-form input[name=name]", "Weekly report");
        await page.SelectOptionAsync("#schedule-form select[name=timeZone]", "Europe/Berlin");
        await page.ClickAsync("#schedule-add");
        var schedule = page.Locator("#schedules li", new() { HasText = "Weekly report" });
        await Expect(schedule);
        Assert.Contains("0 0 6 ? * MON (Europe/Berlin)", await schedule.TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-exports.png") });

        // Another user sees neither the job nor the schedule.
        var other = await page.EvaluateAsync<int[]>("async () => [(await (await fetch('/api/exports', { headers: { authorization: 'Bearer demo:Somebody' } })).json()).length, (await (await fetch('/api/exports/schedules', { headers: { authorization: 'Bearer demo:Somebody' } })).json()).length]");
        Assert.Equal([0, 0], other);
    }

    [Fact]
    public async Task Assistants_SearchFiltersTheGallery_AndGermanSwitchesTheWholeUi()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        await page.ClickAsync(".tab[data-view=assistants]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#templates .template').length >= 5");
        var all = await page.Locator("#templates .template").CountAsync();

        await page.FillAsync("#template-search", "programming");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#templates .template').length < {all}");
        Assert.Contains("Technical Expert", await page.Locator("#templates").InnerTextAsync(), StringComparison.Ordinal);
        await page.FillAsync("#template-search", "");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#templates .template').length === {all}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "dashboard-assistants.png") });
        // The gallery pages through the API ("Load more"), and searches by tag.
        var paging = await page.EvaluateAsync<JsonElement>("async () => (await fetch('/api/templates?culture=en&pageSize=2&page=3')).json()");
        Assert.Equal((1, false), (paging.GetProperty("items").GetArrayLength(), paging.GetProperty("hasMore").GetBoolean()));
        await page.FillAsync("#template-tag", "debugging");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#templates .template').length === 1");
        Assert.Contains("Technical Expert", await page.Locator("#templates").InnerTextAsync(), StringComparison.Ordinal);
        await page.FillAsync("#template-tag", "");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#templates .template').length === {all}");
        await page.SelectOptionAsync("#template-category", "education");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#templates .template').length === 1");
        Assert.Contains("Language Tutor", await page.Locator("#templates").InnerTextAsync(), StringComparison.Ordinal);
        await page.SelectOptionAsync("#template-category", "");

        await page.SelectOptionAsync("#language", "de");
        await Expect(page.Locator(".tab[data-view=overview]", new() { HasText = "Übersicht" }));
        await page.WaitForFunctionAsync("() => document.querySelector('#templates').innerText.includes('Kundenservice-Agent')");
    }

    [Fact]
    public async Task Assistants_CustomizeSaveWithVersions_ExportAndImport()
    {
        await using var session = await Session.StartAsync();
        var page = session.Page;
        await page.ClickAsync(".tab[data-view=assistants]");
        var card = page.Locator("#templates .template", new() { HasText = "Technical Expert" });

        for (var version = 1; version <= 2; version++)
        {
            await card.Locator("button").ClickAsync();
            await page.FillAsync("#customize-form textarea[name=instructions]", $"Answer in haiku. Revision {version}.");
            await page.FillAsync("#customize-form input[name=temperature]", "0.3");
            await page.ClickAsync("#customize-save");
            await Expect(page.Locator("#my-templates li", new() { HasText = $"version {version}" }));
        }

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#templates-export"));
        var json = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Contains("Answer in haiku. Revision 2.", json, StringComparison.Ordinal);
        var imported = AssistantKit.Templates.Serialization.TemplateJson.Read(json);
        Assert.Single(imported);

        await page.SetInputFilesAsync("#templates-import", await download.PathAsync());
        await Expect(page.Locator("#templates-message", new() { HasText = "Imported: 1" }));
        await Expect(page.Locator("#my-templates li", new() { HasText = "version 3" }));
    }

    private static async Task<List<int>> ActivityNumbers(IPage page) =>
        [.. (await page.Locator("#activity li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.id)")).Select(id => int.Parse(id[1..], CultureInfo.InvariantCulture))];

    private static Task Expect(ILocator locator) => locator.WaitForAsync(new() { Timeout = 15_000 });
}
