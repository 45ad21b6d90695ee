using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CopAssessment.Web.Reporting.Pdf;

public sealed class ReportingOptions
{
    /// <summary>Debian's chromium; CHROMIUM_PATH or Reporting:ChromiumPath override it.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Pages printing at once in this instance; each costs a renderer process's memory.</summary>
    public int MaxConcurrentPages { get; set; } = 2;

    public int RenderTimeoutSeconds { get; set; } = 120;

    /// <summary>How long a finished export stays downloadable.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>A running export writes its heartbeat this often, whatever step it is in (a long print included).</summary>
    public double HeartbeatSeconds { get; set; } = 5;

    /// <summary>A running export whose heartbeat is older than this lost its worker and is generated again.</summary>
    public double StaleAfterSeconds { get; set; } = 20;

    /// <summary>How often the recovery job looks for such exports (a divisor of a minute).</summary>
    public int RecoveryIntervalSeconds { get; set; } = 10;

    public TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(HeartbeatSeconds);

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(StaleAfterSeconds);
}

/// <summary>Header and footer of every printed page; texts are plain and get HTML-encoded here.</summary>
public sealed record PageFrame(string HeaderTitle, string PageOfPagesFormat, bool RightToLeft);

/// <summary>
/// Prints HTML to PDF in Chromium through Playwright. One browser per app instance (this is a singleton),
/// launched on first use, reused for every report and relaunched if it has died; a semaphore bounds how
/// many pages print at once and every render has a timeout.
/// </summary>
public sealed partial class PdfRenderer(ReportingOptions options, ILogger<PdfRenderer> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _pages = new(Math.Max(1, options.MaxConcurrentPages));
    private readonly SemaphoreSlim _launch = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    /// <summary>Prints each document in turn on one page of the browser; one PDF per document.</summary>
    public async Task<IReadOnlyList<byte[]>> PrintAsync(IReadOnlyList<string> documents, PageFrame frame, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.RenderTimeoutSeconds));
        await _pages.WaitAsync(timeout.Token);
        try
        {
            var browser = await BrowserAsync(timeout.Token);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false });
            try
            {
                page.SetDefaultTimeout(options.RenderTimeoutSeconds * 1000f);
                var results = new List<byte[]>(documents.Count);
                foreach (var html in documents)
                {
                    timeout.Token.ThrowIfCancellationRequested();
                    await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load }).WaitAsync(timeout.Token);
                    results.Add(await page.PdfAsync(PdfOptions(frame)).WaitAsync(timeout.Token));
                }
                return results;
            }
            finally
            {
                await page.CloseAsync();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Printing the report took longer than {options.RenderTimeoutSeconds} s.");
        }
        finally
        {
            _pages.Release();
        }
    }

    public async Task<byte[]> PrintAsync(string html, PageFrame frame, CancellationToken cancellationToken = default) =>
        (await PrintAsync([html], frame, cancellationToken))[0];

    /// <summary>
    /// Pages of a PDF as Chromium (Skia) writes it: one uncompressed <c>/Type /Page</c> dictionary per page.
    /// ReportPdfTests checks this against pdfinfo.
    /// </summary>
    public static int PageCount(byte[] pdf) => PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count;

    [GeneratedRegex(@"/Type\s*/Page\b(?!s)")]
    private static partial Regex PageObject();

    private static PagePdfOptions PdfOptions(PageFrame frame)
    {
        var dir = frame.RightToLeft ? "rtl" : "ltr";
        var font = "font-family:'Noto Sans','Noto Sans Arabic','Noto Sans CJK SC',sans-serif;";
        var pageOf = System.Net.WebUtility.HtmlEncode(frame.PageOfPagesFormat)
            .Replace("{0}", "<span class=\"pageNumber\"></span>")
            .Replace("{1}", "<span class=\"totalPages\"></span>");
        return new PagePdfOptions
        {
            Format = "A4",
            PrintBackground = true,
            PreferCSSPageSize = false,
            DisplayHeaderFooter = true,
            // Chromium renders the templates outside the page's CSS, so they carry their own styles.
            HeaderTemplate = $"<div dir=\"{dir}\" style=\"{font}font-size:7.5px;color:#5b6b7f;width:100%;margin:0 14mm;border-bottom:0.5px solid #c9d3df;padding-bottom:2px;\">{System.Net.WebUtility.HtmlEncode(frame.HeaderTitle)}</div>",
            FooterTemplate = $"<div dir=\"{dir}\" style=\"{font}font-size:7.5px;color:#5b6b7f;width:100%;margin:0 14mm;text-align:center;\">{pageOf}</div>",
            Margin = new Margin { Top = "18mm", Bottom = "16mm", Left = "14mm", Right = "14mm" },
            // Tagging makes the PDF accessible and is what Chromium needs to write the outline (bookmarks),
            // which the table-of-contents pass reads.
            Outline = true,
            Tagged = true,
        };
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } again) return again;
            if (_browser is not null)
            {
                logger.LogWarning("Chromium disconnected; launching a new browser");
                try { await _browser.DisposeAsync(); } catch (PlaywrightException) { }
            }
            _playwright ??= await Playwright.CreateAsync();
            var path = options.ChromiumPath;
            if (!File.Exists(path)) throw new InvalidOperationException($"Chromium not found at {path}: install Debian's chromium package or set Reporting:ChromiumPath.");
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            logger.LogInformation("Chromium {Version} started for PDF reports", _browser.Version);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            try { await _browser.DisposeAsync(); } catch (PlaywrightException) { }
        }
        _playwright?.Dispose();
    }
}
