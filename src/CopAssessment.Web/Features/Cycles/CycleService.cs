using CopAssessment.Web.Data.Reports;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace CopAssessment.Web.Features.Cycles;

/// <summary>A cycle's titles as the form sends them: the first, and one per language (empty: the first is shown).</summary>
public interface ICycleTitlesInput
{
    string? Name { get; }

    /// <summary>Culture (<see cref="LocalizationSetup.Cultures"/>) → title.</summary>
    Dictionary<string, string?> Titles { get; }
}

public sealed class CycleInput : ICycleTitlesInput
{
    public string? Name { get; set; }
    public Dictionary<string, string?> Titles { get; set; } = [];
    public int QuestionnaireVersionId { get; set; }
    public DateOnly? OpensOn { get; set; }
    public DateOnly? Deadline { get; set; }
    public PublicationPolicy PublicationPolicy { get; set; } = PublicationPolicy.Anonymised;

    /// <summary>The questionnaire versions the form offers; filled by the controller, never bound.</summary>
    [BindNever, ValidateNever]
    public IReadOnlyList<VersionOption> Versions { get; set; } = [];
}

/// <summary>A new publication policy for a cycle (nullable: a missing or unreadable value must not bind to the first member).</summary>
public sealed class PolicyInput
{
    public PublicationPolicy? Policy { get; set; }
}

public sealed class PolicyInputValidator : AbstractValidator<PolicyInput>
{
    public PolicyInputValidator(IStringLocalizer L)
    {
        RuleFor(x => x.Policy).Must(p => p is { } value && Enum.IsDefined(value)).WithMessage(L["Choose a publication policy."]);
    }
}

public sealed class DeadlineInput
{
    public DateOnly? Deadline { get; set; }
}

public sealed class DeadlineInputValidator : AbstractValidator<DeadlineInput>
{
    public DeadlineInputValidator(IStringLocalizer L)
    {
        RuleFor(x => x.Deadline).NotNull().WithMessage(L["Enter the deadline."]);
    }
}

/// <summary>The licence of a cycle's open data (nullable: a missing or unreadable value must not bind to the first member).</summary>
public sealed class LicenceInput
{
    public DataLicence? Licence { get; set; }
}

public sealed class LicenceInputValidator : AbstractValidator<LicenceInput>
{
    public LicenceInputValidator(IStringLocalizer L)
    {
        RuleFor(x => x.Licence).Must(l => l is { } value && Enum.IsDefined(value)).WithMessage(L["Choose a licence."]);
    }
}

/// <summary>The titles of a cycle being created or edited (<see cref="CyclesController.Edit(int)"/>).</summary>
public sealed class TitlesInput : ICycleTitlesInput
{
    public string? Name { get; set; }
    public Dictionary<string, string?> Titles { get; set; } = [];

    /// <summary>The cycle's row version when the form was read: another administrator's change since then wins.</summary>
    public uint Version { get; set; }

    /// <summary>The licence of the cycle's open data, shown in its own form on the same page; never bound here.</summary>
    [BindNever, ValidateNever]
    public DataLicence Licence { get; set; }
}

/// <summary>The first title is required; each language's is optional, within the same length; only the product's languages.</summary>
public sealed class CycleTitlesValidator : AbstractValidator<ICycleTitlesInput>
{
    public CycleTitlesValidator(IStringLocalizer L)
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage(L["Enter a name."]).MaximumLength(TextLimits.CycleName).WithMessage(L["Use at most {0} characters.", TextLimits.CycleName]);
        RuleFor(c => c.Titles).Custom((titles, context) =>
        {
            foreach (var (language, title) in titles)
            {
                // Keyed by the field's name, so the message shows beside it; an unknown language has no field: the form's summary.
                if (!LocalizationSetup.Cultures.Contains(language)) context.AddFailure("", L["Titles can be given only in the languages of the form."]);
                else if (title?.Trim().Length > TextLimits.CycleName) context.AddFailure($"Titles[{language}]", L["Use at most {0} characters.", TextLimits.CycleName]);
            }
        });
    }
}

public sealed class TitlesInputValidator : AbstractValidator<TitlesInput>
{
    public TitlesInputValidator(IStringLocalizer L) => Include(new CycleTitlesValidator(L));
}

public sealed class CycleInputValidator : AbstractValidator<CycleInput>
{
    public CycleInputValidator(IStringLocalizer L, IReadOnlySet<int> versions)
    {
        Include(new CycleTitlesValidator(L));
        RuleFor(c => c.QuestionnaireVersionId).Must(versions.Contains).WithMessage(L["Choose a questionnaire version."]);
        RuleFor(c => c.OpensOn).NotNull().WithMessage(L["Enter the opening date."]);
        RuleFor(c => c.Deadline).NotNull().WithMessage(L["Enter the deadline."])
            .GreaterThan(c => c.OpensOn).When(c => c.OpensOn is not null).WithMessage(L["The deadline must be after the opening date."]);
    }
}

/// <summary>Cycle administration; the order of statuses is <see cref="CycleWorkflow"/>'s.</summary>
/// <summary>Changes to a cycle; a refusal comes back as a message in the reader's language (null: done).</summary>
public sealed class CycleService(CopDbContext db, Audit audit, IHttpContextAccessor http, CarryForward carryForward, IStringLocalizer<Ui> L)
{
    /// <summary>Deadlines fall at the end of the day, UTC: a country has the whole day.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => new(date.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);

    public async Task<AssessmentCycle> CreateAsync(CycleInput input)
    {
        var cycle = new AssessmentCycle
        {
            Name = input.Name!.Trim(), QuestionnaireVersionId = input.QuestionnaireVersionId, OpensOn = input.OpensOn!.Value,
            Deadline = EndOfDay(input.Deadline!.Value), PublicationPolicy = input.PublicationPolicy,
            Titles = [.. Given(input).Select(t => new CycleTitle { Language = t.Key, Title = t.Value })],
        };
        db.Set<AssessmentCycle>().Add(cycle);
        audit.Record("cycle-created", cycle.Name, $"questionnaire version {cycle.QuestionnaireVersionId}, deadline {input.Deadline:yyyy-MM-dd}, {cycle.PublicationPolicy}"
            + string.Concat(cycle.Titles.Select(t => $"; {t.Language}: {t.Title}")));
        await db.SaveChangesAsync();
        return cycle;
    }

    /// <summary>The titles given, trimmed, in the order of the languages; an empty one is no title (the first is shown).</summary>
    private static Dictionary<string, string> Given(ICycleTitlesInput input) => LocalizationSetup.Cultures
        .Select(c => (Language: c, Title: input.Titles.GetValueOrDefault(c)?.Trim()))
        .Where(t => !string.IsNullOrEmpty(t.Title)).ToDictionary(t => t.Language, t => t.Title!);

    /// <summary>
    /// Null on success, otherwise why the change is refused and which field it is about ("": the whole form). The old and new titles go to the audit trail, the
    /// cycle's history. The cycle's row is written even when only a language's title changed, so its row version
    /// catches two administrators editing the titles at once.
    /// </summary>
    public async Task<(string Field, string Message)?> ChangeTitlesAsync(AssessmentCycle cycle, TitlesInput input)
    {
        var name = input.Name!.Trim();
        if (name != cycle.Name && await db.Set<AssessmentCycle>().AnyAsync(c => c.Name == name && c.Id != cycle.Id))
            return (nameof(input.Name), L["A cycle with this name exists already."]);
        var given = Given(input);
        var changes = new List<string>();
        if (name != cycle.Name) changes.Add($"name: {cycle.Name} → {name}");
        foreach (var language in LocalizationSetup.Cultures)
        {
            var old = cycle.Titles.FirstOrDefault(t => t.Language == language);
            var now = given.GetValueOrDefault(language);
            if (old?.Title == now) continue;
            changes.Add($"{language}: {old?.Title ?? "—"} → {now ?? "—"}");
            if (old is null) cycle.Titles.Add(new CycleTitle { Language = language, Title = now! });
            else if (now is null) cycle.Titles.Remove(old);
            else old.Title = now;
        }
        if (changes.Count == 0) return null;
        audit.Record("cycle-titles-changed", cycle.Name, string.Join("; ", changes));
        cycle.Name = name;
        var entry = db.Entry(cycle);
        entry.Property(c => c.Version).OriginalValue = input.Version;
        entry.Property(c => c.Name).IsModified = true;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return ("", L["The cycle changed at the same time. Reload the page and try again."]);
        }
        return null;
    }

    /// <summary>One set-based insert: a draft for every Member State that does not have one in the cycle yet.</summary>
    public static Task CreateDraftsAsync(CopDbContext db, int cycleId) => db.Database.ExecuteSqlInterpolatedAsync($"""
        INSERT INTO "Submissions" ("CycleId", "CountryIso3", "Status", "CreatedAt")
        SELECT {cycleId}, c."Iso3", 'Draft', now() FROM "Countries" c
        ON CONFLICT ("CycleId", "CountryIso3") DO NOTHING
        """);

    /// <summary>Null on success, otherwise why the change is refused.</summary>
    /// <param name="carry">On opening: the countries whose drafts start from their last validated submission (<see cref="CarryForward"/>).</param>
    public Task<string?> ApplyAsync(AssessmentCycle cycle, CycleAction action, IReadOnlyCollection<string>? carry = null) =>
        InUnitAsync(cycle, current => ApplyOnceAsync(current, action, carry), current => cycle.Status = current.Status);

    /// <summary>
    /// A change of <paramref name="cycle"/> as one unit, tried again whole after a transient database error. The first
    /// try changes the caller's (tracked) cycle; a retry works on the cycle read again, since the first try's change was
    /// rolled back, and <paramref name="copyBack"/> brings the outcome to the caller's object.
    /// </summary>
    private Task<string?> InUnitAsync(AssessmentCycle cycle, Func<AssessmentCycle, Task<string?>> unit, Action<AssessmentCycle> copyBack) =>
        db.RetriedAsync(async () =>
        {
            var current = await db.Set<AssessmentCycle>().FindAsync(cycle.Id) ?? cycle;
            var error = await unit(current);
            if (!ReferenceEquals(current, cycle)) copyBack(current);
            return error;
        });

    private async Task<string?> ApplyOnceAsync(AssessmentCycle cycle, CycleAction action, IReadOnlyCollection<string>? carry)
    {
        var transition = CycleWorkflow.Apply(cycle.Status, action);
        if (!transition.Succeeded) return L[transition.Error!];
        await using var tx = await db.Database.BeginTransactionAsync();
        audit.Record("cycle-" + action.ToString().ToLowerInvariant(), cycle.Name, $"{cycle.Status} → {transition.Status}");
        cycle.Status = transition.Status;
        await db.SaveChangesAsync();
        if (action == CycleAction.Open)
        {
            await CreateDraftsAsync(db, cycle.Id);
            if (carry is { Count: > 0 })
            {
                var carried = await carryForward.CarryAsync(cycle, carry);
                audit.Record("cycle-carried", cycle.Name, $"{carried.Countries} countries started from their last validated submission: {carried.Answers} answers, {carried.Evidence} evidence items; chosen: {string.Join(", ", carry.Order(StringComparer.Ordinal))}");
                await db.SaveChangesAsync();
            }
        }
        else if (action == CycleAction.Publish)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "SubmissionTransitions" ("SubmissionId", "From", "To", "By", "At", "Note")
                SELECT s."Id", 'Validated', 'Published', {http.HttpContext?.User.Identity?.Name ?? "system"}, now(), NULL
                FROM "Submissions" s WHERE s."CycleId" = {cycle.Id} AND s."Status" = 'Validated'
                """);
            await db.Set<Submission>().Where(s => s.CycleId == cycle.Id && s.Status == SubmissionStatus.Validated)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Published));
        }
        await tx.CommitAsync();
        return null;
    }

    /// <summary>
    /// Null on success, otherwise why the change is refused. Exports already made under the old policy are
    /// deleted: a named workbook must not stay downloadable once the cycle is anonymised (and the reverse
    /// would only be stale).
    /// </summary>
    public Task<string?> ChangePolicyAsync(AssessmentCycle cycle, PublicationPolicy policy) =>
        InUnitAsync(cycle, current => ChangePolicyOnceAsync(current, policy), current => cycle.PublicationPolicy = current.PublicationPolicy);

    private async Task<string?> ChangePolicyOnceAsync(AssessmentCycle cycle, PublicationPolicy policy)
    {
        var check = CycleWorkflow.ChangePolicy(cycle.Status);
        if (!check.Succeeded) return L[check.Error!];
        if (cycle.PublicationPolicy == policy) return null;
        await using var tx = await db.Database.BeginTransactionAsync();
        var removed = await db.Set<ReportExport>().Where(e => e.CycleId == cycle.Id).ExecuteDeleteAsync();
        audit.Record("cycle-policy-changed", cycle.Name, $"{cycle.PublicationPolicy} → {policy}; {removed} export(s) under the old policy deleted");
        cycle.PublicationPolicy = policy;
        try
        {
            // The cycle's row version: a publication that happened since the page was read wins.
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return L["The cycle changed at the same time. Reload the page and try again."];
        }
        await tx.CommitAsync();
        return null;
    }

    /// <summary>
    /// The licence can change at any status: the files always state the current one, and the audit trail keeps
    /// which licence held when (a file downloaded earlier keeps the licence written in it).
    /// </summary>
    public async Task ChangeLicenceAsync(AssessmentCycle cycle, DataLicence licence)
    {
        if (cycle.Licence == licence) return;
        audit.Record("cycle-licence-changed", cycle.Name, $"{DataLicences.Of(cycle.Licence).ShortName} → {DataLicences.Of(licence).ShortName}");
        cycle.Licence = licence;
        await db.SaveChangesAsync();
    }

    public async Task<string?> ExtendDeadlineAsync(AssessmentCycle cycle, DateOnly newDeadline)
    {
        var deadline = EndOfDay(newDeadline);
        var check = CycleWorkflow.ExtendDeadline(cycle.Status, cycle.Deadline, deadline, DateTimeOffset.UtcNow);
        if (!check.Succeeded) return L[check.Error!];
        audit.Record("cycle-deadline-extended", cycle.Name, $"{cycle.Deadline:yyyy-MM-dd} → {newDeadline:yyyy-MM-dd}");
        cycle.Deadline = deadline;
        await db.SaveChangesAsync();
        return null;
    }
}
