using System.Text.RegularExpressions;
using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using CopAssessment.Web.Infrastructure.Localization;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Assessments;

/// <summary>
/// The focal point journey of Lima, Almaty and Beijing: the demo focal points of Mexico, Kazakhstan and China
/// sign in from an English browser, meet the product in their saved language, answer two sections through the
/// page (every type of question the MNR asks, typed and clicked as a person does) and submit. Screenshots of
/// each step are kept in artifacts/screenshots (journey-{culture}-*.png).
/// </summary>
[Collection(BrowserCollection.Name)]
public class LanguageJourneyTests(BrowserFixture fixture)
{
    /// <summary>Between them these two sections ask every type of question of the MNR.</summary>
    private static readonly string[] AnsweredSections = ["context", "justice"];

    public static TheoryData<string, string, string> FocalPoints => new()
    {
        { "es", "focal.mex@demo.local", "MEX" },
        { "ru", "focal.kaz@demo.local", "KAZ" },
        { "zh-Hans", "focal.chn@demo.local", "CHN" },
    };

    /// <summary>What a person of that language would type into the free-text questions.</summary>
    private static readonly Dictionary<string, (string Text, string LongText)> Typed = new()
    {
        ["es"] = ("Secretaría de Seguridad — Unidad de Policía Cibernética", "Dos secretarías comparten el trabajo.\nEl presupuesto se revisa cada año."),
        ["ru"] = ("Министерство внутренних дел — отдел «К»", "Работу ведут два министерства.\nБюджет пересматривается ежегодно."),
        ["zh-Hans"] = ("公安部网络安全保卫局", "两个部委分担这项工作。\n预算每年审查一次。"),
    };

    /// <summary>The texts of the page that say it is in the reader's language, from the translation files.</summary>
    private static readonly Dictionary<string, (string Assessments, string Saved, string Submit, string Confirm, string Submitted)> Ui = new()
    {
        ["es"] = ("Evaluaciones", "Guardado", "Enviar la evaluación", "Sí, enviar la evaluación", "Evaluación enviada. Se ha notificado a la Secretaría de COP."),
        ["ru"] = ("Оценки", "Сохранено", "Представить оценку", "Да, представить оценку", "Оценка представлена. Секретариат COP уведомлен."),
        ["zh-Hans"] = ("评估", "已保存", "提交评估", "是，提交评估", "评估已提交。已通知COP秘书处。"),
    };

    /// <summary>
    /// The country's draft in a new open cycle, with every section but the two the journey answers already
    /// answered (as if done on earlier days), so that the journey can end in a submission.
    /// </summary>
    private async Task<(int Id, QuestionnaireDefinition Definition, string CountryName)> DraftAsync(string iso3, string culture)
    {
        var id = 0;
        QuestionnaireDefinition definition = null!;
        var countryName = "";
        await fixture.App.WithScopeAsync(async services =>
        {
            var catalog = services.GetRequiredService<QuestionnaireCatalog>();
            var version = await catalog.GetLatestVersionAsync();
            var cycles = services.GetRequiredService<CycleService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await cycles.CreateAsync(new CycleInput { Name = "Journey " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version!.Id, OpensOn = today, Deadline = today.AddDays(30) });
            await cycles.ApplyAsync(cycle, CycleAction.Open);
            var db = services.GetRequiredService<CopDbContext>();
            id = await db.Set<Submission>().Where(s => s.CycleId == cycle.Id && s.CountryIso3 == iso3).Select(s => s.Id).SingleAsync();
            definition = await catalog.GetDefinitionAsync(version.Id);
            var sectionOf = definition.Questions.ToDictionary(q => q.Key, q => definition.DomainOf(q.Key)!.Key);
            foreach (var (key, value) in AssessmentDemoSeed.Generate(definition, new Random(7), iso3, iso3[..2], complete: true).Where(a => !AnsweredSections.Contains(sectionOf[a.Key])))
                db.Set<Answer>().Add(new Answer { SubmissionId = id, QuestionKey = key, Value = AnswerJson.Serialize(value), UpdatedBy = "earlier@demo.local" });
            await db.SaveChangesAsync();
            countryName = await services.GetRequiredService<PlaceNames>().CountryAsync(iso3, culture);
        });
        return (id, definition, countryName);
    }

    /// <summary>The answer this journey gives a question: the first option (which opens the follow-ups), a count within its bounds, a text in the language.</summary>
    private static AnswerValue AnswerFor(Question question, string culture) => question.Type switch
    {
        QuestionType.YesPartialNo or QuestionType.Maturity or QuestionType.SingleChoice => AnswerValue.Option(question.Options[0].Key),
        QuestionType.MultipleChoice => AnswerValue.Options(question.Options.Where(o => !o.NotApplicable).Take(2).Select(o => o.Key).ToList()),
        QuestionType.Number => AnswerValue.Number((question.Constraint?.Min ?? 0) + 12),
        QuestionType.Text => AnswerValue.Text(Typed[culture].Text),
        QuestionType.LongText => AnswerValue.Text(Typed[culture].LongText),
        QuestionType.Date => AnswerValue.Date(new DateOnly(2021, 6, 30)),
        QuestionType.Url => AnswerValue.Text("https://www.gob.example/proteccion-infantil"),
        _ => throw new InvalidOperationException($"This journey does not know how to answer a '{question.Type}' question; add it."),
    };

    /// <summary>Answers one question as a person does: clicks the option's label, or types and then clicks away at once.</summary>
    private static async Task AnswerAsync(IPage page, ILocator question, Question definition, AnswerValue value)
    {
        switch (value.Kind)
        {
            case AnswerKind.Option:
                await question.Locator($"label[for='{QuestionRendering.Id(definition.Key)}-{value.OptionKey!.Replace('.', '-')}']").ClickAsync();
                break;
            case AnswerKind.Options:
                foreach (var key in value.SelectedOptions) await question.Locator($"label[for='{QuestionRendering.Id(definition.Key)}-{key.Replace('.', '-')}']").ClickAsync();
                break;
            default:
                var field = question.Locator("[name^='a:']");
                await field.ClickAsync();
                // A date field takes its value whole (its segments follow the browser's locale); the rest is typed.
                if (definition.Type == QuestionType.Date) await field.FillAsync(QuestionRendering.InputText(value));
                else await field.PressSequentiallyAsync(QuestionRendering.InputText(value));
                // Leave the field straight after the last keystroke, inside the typing pause.
                await page.Locator("h1").ClickAsync();
                break;
        }
    }

    [Theory]
    [MemberData(nameof(FocalPoints))]
    public async Task A_focal_point_signs_in_answers_every_type_of_question_and_submits_in_their_language(string culture, string email, string iso3)
    {
        var (id, definition, countryName) = await DraftAsync(iso3, culture);
        var ui = Ui[culture];
        var shot = (string step) => Path.Combine(BrowserFixture.ArtifactsDirectory, $"journey-{culture}-{step}.png");
        // An English browser (a borrowed laptop, a hotel's computer): the language comes from the account.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Type); _ = dialog.AcceptAsync(); };

        await page.GotoAsync("/account/login");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(CopAppFactory.DemoPassword);
        await page.Locator("form[action='/account/login'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).First.GetByRole(AriaRole.Link, new() { Name = ui.Assessments, Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = shot("1-dashboard") });

        var expected = new Dictionary<string, AnswerValue>();
        foreach (var sectionKey in AnsweredSections)
        {
            var section = definition.Domains.Single(d => d.Key == sectionKey);
            await page.GotoAsync($"/assessments/{id}/{sectionKey}");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(section.Name.Get(culture));
            await Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync(section.Capabilities[0].Name.Get(culture));
            await Assertions.Expect(page.Locator(".fallback-language")).ToHaveCountAsync(0);
            foreach (var question in section.Capabilities.SelectMany(c => c.Questions))
            {
                var block = page.Locator("#" + QuestionRendering.Id(question.Key));
                // A follow-up shows once its gate is answered "yes": the page decides, the test answers what it shows.
                if (!await block.IsVisibleAsync()) continue;
                await Assertions.Expect(block.Locator(".question-text").First).ToContainTextAsync(question.Text.Get(culture));
                var value = AnswerFor(question, culture);
                Assert.Null(ConstraintChecker.Check(question, value, "en", expected));
                await AnswerAsync(page, block, question, value);
                await Assertions.Expect(block.Locator(".save-state")).ToHaveTextAsync(ui.Saved);
                await Assertions.Expect(block.Locator(".question-error")).ToBeEmptyAsync();
                expected[question.Key] = value;
            }
            await page.ScreenshotAsync(new() { Path = shot($"2-{sectionKey}"), FullPage = true });
        }
        // Every type the MNR uses was answered through the page, in the two sections.
        Assert.Equal(definition.Questions.Select(q => q.Type).Distinct().Order(), expected.Keys.Select(k => definition.FindQuestion(k)!.Type).Distinct().Order());
        var stored = await fixture.App.WithDbAsync(async db =>
            (await db.Set<Answer>().Where(a => a.SubmissionId == id && a.UpdatedBy == email).Select(a => new { a.QuestionKey, a.Value }).ToListAsync())
            .ToDictionary(a => a.QuestionKey, a => AnswerJson.Parse(a.Value)));
        Assert.Equal(expected.OrderBy(e => e.Key), stored.OrderBy(s => s.Key));

        await page.GotoAsync($"/assessments/{id}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(countryName);
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Submit }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/assessments/{id}/submit\\??$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(countryName);
        await page.ScreenshotAsync(new() { Path = shot("3-confirm") });
        await page.GetByRole(AriaRole.Button, new() { Name = ui.Confirm }).ClickAsync();
        await page.WaitForURLAsync($"**/assessments/{id}");
        await Assertions.Expect(page.Locator(".alert-success")).ToHaveTextAsync(ui.Submitted);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await page.ScreenshotAsync(new() { Path = shot("4-submitted"), FullPage = true });

        Assert.Equal(SubmissionStatus.Submitted, await fixture.App.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
        Assert.Empty(dialogs);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("es")]
    [InlineData("ru")]
    [InlineData("zh-Hans")]
    public async Task Every_mnr_section_page_reads_in_the_language_without_an_english_stand_in(string culture)
    {
        var (id, definition, _) = await DraftAsync("KEN", culture);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        foreach (var section in definition.Domains)
        {
            await page.GotoAsync($"/assessments/{id}/{section.Key}?culture={culture}&ui-culture={culture}");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(section.Name.Get(culture));
            Assert.NotEqual(section.Name.Get("en"), section.Name.Get(culture));
            // The marker DefinitionText puts after English standing in for a missing translation.
            await Assertions.Expect(page.Locator(".fallback-language")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("main [lang=en]")).ToHaveCountAsync(0);
        }
    }
}
