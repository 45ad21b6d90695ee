using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// Pages show labels from one source (<see cref="Labels"/>), in English, French and Arabic, and never an enum
/// name (InReview), a format or language code (Pdf · ar), a region code or an audit slug; counts take the
/// plural form of the language.
/// </summary>
[Collection(AppCollection.Name)]
public partial class LabelTests(CopAppFactory app)
{
    public static IEnumerable<object[]> Languages() => [["en"], ["fr"], ["ar"]];

    private static readonly Dictionary<string, (string InReview, string Africa, string ReviewStarted, string CountryScorecard, string NoPractice, string Kenya)> Expected = new()
    {
        ["en"] = ("In review", "Africa", "Review started", "Country scorecard", "0 practices found", "Kenya"),
        ["fr"] = ("En cours d'examen", "Afrique", "Examen commencé", "Fiche de résultats du pays", "0 pratique trouvée", "Kenya"),
        ["ar"] = ("قيد المراجعة", "أفريقيا", "بدء المراجعة", "بطاقة أداء البلد", "لم يُعثر على أي ممارسة", "كينيا"),
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Pages_show_status_region_format_language_and_audit_labels_never_raw_names(string language)
    {
        var expected = Expected[language];
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        await app.WithDbAsync(async db =>
        {
            var submission = await db.Set<Submission>().SingleAsync(s => s.Id == id);
            submission.Status = SubmissionStatus.InReview;
            submission.SubmittedAt = DateTimeOffset.UtcNow.AddDays(-1);
            db.Add(new SubmissionTransition { SubmissionId = id, From = SubmissionStatus.Draft, To = SubmissionStatus.Submitted, By = "focal.ken@demo.local" });
            db.Add(new SubmissionTransition { SubmissionId = id, From = SubmissionStatus.Submitted, To = SubmissionStatus.InReview, By = "reviewer@demo.local" });
            db.Add(new Data.AuditEvent { Action = "submission-startreview", UserEmail = "reviewer@demo.local", Subject = $"submission {id}", CountryIso3 = "KEN" });
            db.Add(new ReportExport { Kind = ReportKind.Country, CycleId = submission.CycleId, RegionCode = "AFR", CountryIso3 = "KEN", Format = ReportFormat.Pdf, Language = "ar", Status = ExportStatus.Done, RequestedBy = "admin@demo.local" });
            return await db.SaveChangesAsync();
        });
        var q = $"culture={language}&ui-culture={language}";
        var admin = await app.SignedInClientAsync("admin@demo.local");

        var overview = Text(await admin.GetStringAsync($"/assessments/{id}?{q}"));
        Assert.Contains(expected.InReview, overview);
        Assert.DoesNotContain("InReview", overview);

        var queue = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/review?status=InReview&{q}"));
        Assert.Contains($">{expected.InReview}</option>", queue);
        Assert.Contains($">{expected.Africa}</option>", queue);
        Assert.DoesNotContain(">AFR</option>", queue);
        Assert.DoesNotContain(">InReview</option>", queue);
        Assert.DoesNotContain("<td>AFR</td>", queue);

        var audit = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/audit?{q}"));
        Assert.Contains($">{expected.ReviewStarted}</option>", audit);
        Assert.DoesNotContain(">submission-startreview<", audit);
        Assert.DoesNotContain(">sign-in<", audit);

        var reports = Text(await admin.GetStringAsync($"/reports?{q}"));
        Assert.Contains($"{expected.CountryScorecard} · {expected.Kenya}", reports);
        Assert.Contains("PDF · العربية", reports);
        Assert.DoesNotContain("Pdf · ar", reports);
        Assert.DoesNotContain("AFR KEN", reports);

        var library = Text(await app.CreateClient().GetStringAsync($"/best-practices?q=zqxjkvw&{q}"));
        Assert.Contains(expected.NoPractice, library);
    }

    [Theory]
    [InlineData("en", 1, "1 practice found")]
    [InlineData("en", 2, "2 practices found")]
    [InlineData("fr", 0, "0 pratique trouvée")]
    [InlineData("fr", 1, "1 pratique trouvée")]
    [InlineData("fr", 2, "2 pratiques trouvées")]
    [InlineData("ar", 0, "لم يُعثر على أي ممارسة")]
    [InlineData("ar", 1, "عُثر على ممارسة واحدة")]
    [InlineData("ar", 2, "عُثر على ممارستين")]
    [InlineData("ar", 3, "عُثر على 3 ممارسات")]
    [InlineData("ar", 11, "عُثر على 11 ممارسة")]
    [InlineData("ar", 100, "عُثر على 100 ممارسة")]
    public void Counts_take_the_plural_form_of_the_language(string language, int count, string expected)
    {
        var L = new JsonStringLocalizer(JsonStringLocalizerFactory.Load(RepositoryPaths.File("src", "CopAssessment.Web", "Resources")));
        using var _ = CultureScope.Ui(new CultureInfo(language));
        Assert.Equal(expected, L.Plural(count, "{0} practice found", "{0} practices found").Value);
    }

    /// <summary>Counts that stand among other values (a cycle's name, a country) take the same plural forms.</summary>
    [Theory]
    [InlineData("en", 1, "Reminder: 2026 stocktaking closes in 1 day")]
    [InlineData("en", 7, "Reminder: 2026 stocktaking closes in 7 days")]
    [InlineData("fr", 1, "Rappel : 2026 stocktaking se clôture dans 1 jour")]
    [InlineData("fr", 7, "Rappel : 2026 stocktaking se clôture dans 7 jours")]
    [InlineData("ar", 1, "تذكير: يُغلق 2026 stocktaking خلال يوم واحد")]
    [InlineData("ar", 2, "تذكير: يُغلق 2026 stocktaking خلال يومين")]
    [InlineData("ar", 7, "تذكير: يُغلق 2026 stocktaking خلال 7 أيام")]
    [InlineData("ar", 14, "تذكير: يُغلق 2026 stocktaking خلال 14 يومًا")]
    public void Counts_among_other_values_take_the_plural_form_of_the_language(string language, int days, string expected)
    {
        var L = new JsonStringLocalizer(JsonStringLocalizerFactory.Load(RepositoryPaths.File("src", "CopAssessment.Web", "Resources")));
        using var _ = CultureScope.Ui(new CultureInfo(language));
        Assert.Equal(expected, L.Plural(days, "Reminder: {0} closes in {1} day", "Reminder: {0} closes in {1} days", "2026 stocktaking", days).Value);
    }

    /// <summary>No count message is written with "(s)" or as a fixed plural with a number in front: each goes through L.Plural.</summary>
    [Fact]
    public void No_message_spells_a_count_with_a_fixed_plural()
    {
        var web = RepositoryPaths.File("src", "CopAssessment.Web");
        var fixedPlural = new System.Text.RegularExpressions.Regex(@"L\[""[^""]*(\(s\)|\{\d\} (days|comments|questions|problems|countries|practices|times|changes|files)\b)[^""]*""");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml") || f.EndsWith(".cs")) && !f.Contains("/bin/") && !f.Contains("/obj/"))
            .SelectMany(f => fixedPlural.Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("ar", 0, "zero")]
    [InlineData("ar", 1, "one")]
    [InlineData("ar", 2, "two")]
    [InlineData("ar", 3, "few")]
    [InlineData("ar", 10, "few")]
    [InlineData("ar", 11, "many")]
    [InlineData("ar", 99, "many")]
    [InlineData("ar", 100, "other")]
    [InlineData("ar", 103, "few")]
    [InlineData("ar", 111, "many")]
    [InlineData("fr", 0, "one")]
    [InlineData("fr", 1, "one")]
    [InlineData("fr", 2, "other")]
    [InlineData("fr", 1_000_000, "many")]
    [InlineData("en", 0, "other")]
    [InlineData("en", 1, "one")]
    public void Plural_categories_follow_cldr(string language, int count, string category) =>
        Assert.Equal(category, PluralRules.Category(language, count));

    [GeneratedRegex("""Record(?:For)?\(\s*"([a-z-]+)"\s*[,)]|'([a-z]+-[a-z-]+)', \$""")]
    private static partial Regex RecordedAction();

    /// <summary>Every action the code records (literal slugs, and the ones built from workflow enums) has a label.</summary>
    [Fact]
    public void Every_audit_action_has_a_label()
    {
        var web = RepositoryPaths.File("src", "CopAssessment.Web");
        var actions = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
            .SelectMany(f => RecordedAction().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value))
            .Concat(Enum.GetValues<SubmissionAction>().Select(a => "submission-" + a.ToString().ToLowerInvariant()))
            .Concat(Enum.GetValues<CycleAction>().Select(a => "cycle-" + a.ToString().ToLowerInvariant()))
            .Concat(Enum.GetValues<Features.BestPractices.Decision>().Select(d => "best-practice-" + d.ToString().ToLowerInvariant()))
            .Append("answer-changed")
            .ToHashSet();
        Assert.True(actions.Count > 20, string.Join(", ", actions));
        var missing = actions.Where(a => !Labels.AuditActions.ContainsKey(a)).Order().ToList();
        Assert.True(missing.Count == 0, "Audit actions without a label: " + string.Join(", ", missing));
    }

    /// <summary>
    /// A region's name, a status and the publication policy read the same on the pages, in the workbook and in the
    /// PDF, in every language: all three take them from <see cref="Labels"/>, not from copies of their own.
    /// </summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Pages_workbook_and_pdf_show_the_same_region_status_and_policy_labels(string language)
    {
        var expected = Expected[language];
        var cycle = await Reports.CycleSeed.CreateAsync(app, PublicationPolicy.Named, iso3 => iso3 is "KEN" or "FRA");
        ReportData? data = null;
        string? html = null;
        await app.WithScopeAsync(async sp =>
        {
            data = await sp.GetRequiredService<Features.Reports.ReportLoader>().LoadAsync(
                new Features.Reports.ReportScope(ReportKind.Country, cycle, CountryIso3: "KEN"), language, Infrastructure.Security.UserScope.Everything);
            html = System.Net.WebUtility.HtmlDecode(await sp.GetRequiredService<Reporting.Pdf.PdfReportWriter>().HtmlAsync(data!));
        });
        var L = Reports.ReportTestData.Localizer();
        using var inCulture = CultureScope.Ui(new CultureInfo(language));
        var status = L.Label(data!.Focus!.Status).Value;
        var policy = L.Label(PublicationMode.Named).Value;

        using var workbook = Reports.ExcelReportTests.Open(new Reporting.Excel.ExcelReportWriter(L).Write(data));
        var summary = Reports.ExcelReportTests.Read(workbook, L["Summary"]);
        // The report names the country in its own language (CLDR names; English's is the ITU list's).
        var kenya = summary.RowOf(0, data.Countries.Single(c => c.Iso3 == "KEN").Name!);
        Assert.Equal(language == "ar" ? "كينيا" : "Kenya", data.Countries.Single(c => c.Iso3 == "KEN").Name);
        Assert.Equal(expected.Africa, summary.Text(kenya, 1));
        Assert.Equal(status, summary.Text(kenya, 2));
        Assert.Equal(L.Explained(PublicationMode.Named).Value, summary.Text(summary.RowOf(0, L["Publication policy"]), 1));

        Assert.Contains($"<dd>{expected.Africa}</dd>", html);
        Assert.Contains($"<div class=\"value word\">{status}</div>", html);
        Assert.Contains($"<dd>{policy}</dd>", html);

        var admin = await app.SignedInClientAsync("admin@demo.local");
        var q = $"culture={language}&ui-culture={language}";
        Assert.Contains($"<td>{expected.Africa}</td>", System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/countries?{q}")));
        Assert.Contains($">{expected.Africa}</option>", System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/reports?{q}")));
        Assert.Contains($">{expected.Africa}</option>", System.Net.WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync($"/best-practices?{q}")));
    }

    /// <summary>The page's text without tags, entities decoded, so a label split by markup still reads as one string.</summary>
    private static string Text(string html) => System.Net.WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")).Replace("  ", " ");
}
