using System.IO.Compression;
using System.Net;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// Pages for slow links (issue 15): static files through MapStaticAssets (fingerprinted, immutable, precompressed)
/// and pages compressed, with the antiforgery token different in every response (decision 0021).
/// </summary>
[Collection(AppCollection.Name)]
public class SlowLinkTests(CopAppFactory app)
{
    [Theory]
    [InlineData("""<link rel="stylesheet" href="(/lib/bootstrap/css/bootstrap\.min\.[a-z0-9]+\.css)" """, "lib/bootstrap/css/bootstrap.min.css")]
    [InlineData("""<script src="(/lib/bootstrap/js/bootstrap\.bundle\.min\.[a-z0-9]+\.js)">""", "lib/bootstrap/js/bootstrap.bundle.min.js")]
    [InlineData("""<script src="(/js/site\.[a-z0-9]+\.js)" """, "js/site.js")]
    [InlineData("""data-select-filter="(/js/select-filter\.[a-z0-9]+\.js)">""", "js/select-filter.js")]
    public async Task The_layout_links_fingerprinted_assets_served_immutable_and_in_Brotli(string linkPattern, string file)
    {
        var client = app.CreateBrowserClient();
        var page = await client.GetStringAsync("/account/login");
        var link = Regex.Match(page, linkPattern);
        Assert.True(link.Success, $"no fingerprinted link to {file} in the layout");
        var url = link.Groups[1].Value;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        var cacheControl = response.Headers.CacheControl!;
        Assert.Contains(cacheControl.Extensions, e => e.Name == "immutable");
        Assert.True(cacheControl.MaxAge >= TimeSpan.FromDays(365), $"max-age {cacheControl.MaxAge}");
        // The security headers stay on static responses.
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        await using var brotli = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli);
        var original = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "CopAssessment.Web", "wwwroot", file));
        Assert.Equal(original, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task The_type_to_filter_script_is_not_loaded_by_the_page_itself()
    {
        // site.js fetches it where a country picker is (the browser tests' CountryPickerTests use it).
        var page = await app.CreateBrowserClient().GetStringAsync("/account/login");
        Assert.DoesNotContain("<script src=\"/js/select-filter", page);
    }

    [Fact]
    public async Task Pages_are_compressed_and_carry_a_different_antiforgery_token_in_every_response()
    {
        var client = app.CreateBrowserClient();
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            await using var brotli = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            using var reader = new StreamReader(brotli);
            tokens.Add(HttpClientExtensions.AntiforgeryToken(await reader.ReadToEndAsync()));
        }
        // Same client, same antiforgery cookie: the token in the page is still new each time, so a BREACH-style
        // attacker measuring compressed sizes over many responses has no fixed secret to guess byte by byte.
        Assert.Equal(3, tokens.Distinct().Count());

        // And a page with a token still works as a form after compression.
        var signIn = await client.SignInAsync("admin@demo.local", CopAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task A_client_that_asks_for_no_compression_gets_the_page_as_it_is()
    {
        var client = app.CreateBrowserClient();
        var response = await client.GetAsync("/account/login");
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }
}
