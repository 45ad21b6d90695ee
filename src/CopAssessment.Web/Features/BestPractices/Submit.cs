namespace CopAssessment.Web.Features.BestPractices;

/// <summary>The submission form. Lists arrive as repeated fields (check boxes, multi-select).</summary>
public sealed class PracticeInput
{
    // Browsers send an empty box as an empty string, which MVC binds as null: every text setter keeps "" instead.
    public string Title { get; set => field = value ?? ""; } = "";
    public string Summary { get; set => field = value ?? ""; } = "";
    public string Description { get; set => field = value ?? ""; } = "";
    public List<string> Countries { get; set => field = value ?? []; } = [];
    public string Organisation { get; set => field = value ?? ""; } = "";
    public string StakeholderGroup { get; set => field = value ?? ""; } = "";
    public List<string> Audiences { get; set => field = value ?? []; } = [];
    public List<string> Capabilities { get; set => field = value ?? []; } = [];
    public int? StartYear { get; set; }
    public int? EndYear { get; set; }
    public string Results { get; set => field = value ?? ""; } = "";
    public string EnablingFactors { get; set => field = value ?? ""; } = "";
    public string Scalability { get; set => field = value ?? ""; } = "";

    /// <summary>One address per line.</summary>
    public string Links { get; set => field = value ?? ""; } = "";
    public string ContactName { get; set => field = value ?? ""; } = "";
    public string ContactEmail { get; set => field = value ?? ""; } = "";
    public string Language { get; set => field = value ?? ""; } = "en";

    /// <summary>"save" keeps a draft; "submit" sends it for review.</summary>
    public string Intent { get; set => field = value ?? ""; } = "save";

    public bool Submitting => Intent == "submit";

    [Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidateNever]
    public List<string> LinkList => Links.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public void Normalise()
    {
        static string Clean(string? s) => (s ?? "").ReplaceLineEndings("\n").Trim();
        Title = Clean(Title); Summary = Clean(Summary); Description = Clean(Description);
        Organisation = Clean(Organisation); Results = Clean(Results); EnablingFactors = Clean(EnablingFactors);
        Scalability = Clean(Scalability); Links = Clean(Links); ContactName = Clean(ContactName);
        ContactEmail = Clean(ContactEmail); StakeholderGroup = Clean(StakeholderGroup); Language = Clean(Language);
        Countries = Countries.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        Audiences = Audiences.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct().ToList();
        Capabilities = Capabilities.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
    }

    public static PracticeInput From(BestPracticeVersion v) => new()
    {
        Title = v.Title, Summary = v.Summary, Description = v.Description, Countries = [.. v.Countries],
        Organisation = v.Organisation, StakeholderGroup = v.StakeholderGroup, Audiences = [.. v.Audiences],
        Capabilities = [.. v.Capabilities], StartYear = v.StartYear, EndYear = v.EndYear, Results = v.Results,
        EnablingFactors = v.EnablingFactors, Scalability = v.Scalability, Links = string.Join("\n", v.Links),
        ContactName = v.ContactName, ContactEmail = v.ContactEmail, Language = v.Language,
    };

    public void CopyTo(BestPracticeVersion v)
    {
        v.Title = Title; v.Summary = Summary; v.Description = Description; v.Countries = [.. Countries];
        v.Organisation = Organisation; v.StakeholderGroup = StakeholderGroup; v.Audiences = [.. Audiences];
        v.Capabilities = [.. Capabilities]; v.StartYear = StartYear; v.EndYear = EndYear; v.Results = Results;
        v.EnablingFactors = EnablingFactors; v.Scalability = Scalability; v.Links = LinkList;
        v.ContactName = ContactName; v.ContactEmail = ContactEmail; v.Language = Language;
        v.UpdatedAt = DateTimeOffset.UtcNow;
    }
}

/// <summary>
/// A draft needs only a title and well-formed values; a submission needs every required field.
/// </summary>
public sealed class PracticeValidator : AbstractValidator<PracticeInput>
{
    /// <summary>The fields a submission needs besides the title (which even a draft needs); the form marks them.</summary>
    public static readonly IReadOnlySet<string> RequiredToSubmit = new HashSet<string>
    {
        nameof(PracticeInput.Summary), nameof(PracticeInput.Description), nameof(PracticeInput.Countries), nameof(PracticeInput.Organisation),
        nameof(PracticeInput.StakeholderGroup), nameof(PracticeInput.Audiences), nameof(PracticeInput.Capabilities), nameof(PracticeInput.StartYear),
        nameof(PracticeInput.Results), nameof(PracticeInput.ContactName), nameof(PracticeInput.ContactEmail),
    };

    public PracticeValidator(IStringLocalizer<Ui> L, IReadOnlySet<string> countries, IReadOnlySet<string> capabilities)
    {
        void Limit(System.Linq.Expressions.Expression<Func<PracticeInput, string>> field, int max) =>
            RuleFor(field).MaximumLength(max).WithMessage(L["At most {0} characters.", max]);

        var maxYear = DateTime.UtcNow.Year + 5;
        RuleFor(x => x.Title).NotEmpty().WithMessage(L["Enter a title."]);
        Limit(x => x.Title, PracticeLimits.Title);
        Limit(x => x.Summary, PracticeLimits.Summary);
        Limit(x => x.Description, PracticeLimits.Description);
        Limit(x => x.Organisation, PracticeLimits.Organisation);
        Limit(x => x.Results, PracticeLimits.Results);
        Limit(x => x.EnablingFactors, PracticeLimits.EnablingFactors);
        Limit(x => x.Scalability, PracticeLimits.Scalability);
        Limit(x => x.ContactName, PracticeLimits.ContactName);
        Limit(x => x.ContactEmail, PracticeLimits.ContactEmail);
        Limit(x => x.Links, PracticeLimits.Links);
        RuleFor(x => x.ContactEmail).EmailAddress().When(x => x.ContactEmail.Length is > 0 and <= PracticeLimits.ContactEmail)
            .WithMessage(L["Enter a valid e-mail address."]);
        RuleFor(x => x.Countries).Must(list => list.All(countries.Contains)).WithMessage(L["Choose countries from the list."]);
        RuleFor(x => x.Capabilities).Must(list => list.All(capabilities.Contains)).WithMessage(L["Choose capabilities from the list."]);
        RuleFor(x => x.Audiences).Must(list => list.All(a => Vocabulary.Has(Vocabulary.Audiences, a))).WithMessage(L["Choose audiences from the list."]);
        RuleFor(x => x.StakeholderGroup).Must(g => Vocabulary.Has(Vocabulary.StakeholderGroups, g))
            .When(x => x.StakeholderGroup.Length > 0).WithMessage(L["Choose a stakeholder group."]);
        RuleFor(x => x.Language).Must(l => Vocabulary.Has(Vocabulary.Languages, l)).WithMessage(L["Choose the language of the text."]);
        RuleFor(x => x.StartYear).InclusiveBetween(1990, maxYear).When(x => x.StartYear is not null)
            .WithMessage(L["Enter a year between {0} and {1}.", 1990, maxYear]);
        RuleFor(x => x.EndYear).InclusiveBetween(1990, maxYear).When(x => x.EndYear is not null)
            .WithMessage(L["Enter a year between {0} and {1}.", 1990, maxYear]);
        RuleFor(x => x.EndYear).GreaterThanOrEqualTo(x => x.StartYear).When(x => x.StartYear is not null && x.EndYear is not null)
            .WithMessage(L["The end year cannot be before the start year."]);
        RuleFor(x => x.LinkList).Must(l => l.Count <= PracticeLimits.LinkCount).WithMessage(L["At most {0} links.", PracticeLimits.LinkCount])
            .OverridePropertyName(nameof(PracticeInput.Links)).When(x => x.Links.Length <= PracticeLimits.Links);
        RuleFor(x => x.LinkList).Must(l => l.All(IsWebAddress)).OverridePropertyName(nameof(PracticeInput.Links)).When(x => x.Links.Length <= PracticeLimits.Links)
            .WithMessage(x => L["\"{0}\" is not an http or https address.", x.LinkList.First(l => !IsWebAddress(l))]);

        When(x => x.Submitting, () =>
        {
            RuleFor(x => x.Summary).NotEmpty().WithMessage(L["Enter a short summary."]);
            RuleFor(x => x.Description).NotEmpty().WithMessage(L["Enter a description."]);
            RuleFor(x => x.Countries).NotEmpty().WithMessage(L["Choose at least one country."]);
            RuleFor(x => x.Organisation).NotEmpty().WithMessage(L["Enter the organisation."]);
            RuleFor(x => x.StakeholderGroup).NotEmpty().WithMessage(L["Choose a stakeholder group."]);
            RuleFor(x => x.Audiences).NotEmpty().WithMessage(L["Choose at least one audience."]);
            RuleFor(x => x.Capabilities).NotEmpty().WithMessage(L["Choose at least one capability."]);
            RuleFor(x => x.StartYear).NotNull().WithMessage(L["Enter the start year."]);
            RuleFor(x => x.Results).NotEmpty().WithMessage(L["Describe the results and impact."]);
            RuleFor(x => x.ContactName).NotEmpty().WithMessage(L["Enter a contact person."]);
            RuleFor(x => x.ContactEmail).NotEmpty().WithMessage(L["Enter the contact e-mail."]);
        });
    }

    public static bool IsWebAddress(string link) => CopAssessment.Domain.Answers.WebAddress.IsValid(link, maxLength: PracticeLimits.Link);
}

/// <summary>Who is submitting, from the signed-in person: focal points act for their country, contributors for their organisation.</summary>
public sealed record Submitter(string UserId, string Email, string? CountryIso3, string? Organisation, bool IsFocalPoint, bool IsContributor)
{
    public static async Task<Submitter> FromAsync(ClaimsPrincipal user, UserManager<ApplicationUser> users)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in");
        var account = await users.FindByIdAsync(id) ?? throw new InvalidOperationException("Unknown user");
        var focal = user.IsInRole(Roles.FocalPoint);
        return new Submitter(id, account.Email ?? "", focal ? account.CountryIso3 : null, account.Organisation,
            focal, user.IsInRole(Roles.Contributor));
    }
}

/// <summary>Drafting, editing and submitting practices: the submitter's side of the workflow.</summary>
public sealed class PracticeEditor(CopDbContext db, Audit audit)
{
    /// <summary>Practices the person may edit: their own, and (focal points) their country's.</summary>
    public IQueryable<BestPractice> EditableBy(Submitter s) =>
        db.Set<BestPractice>().Where(p => p.OwnerId == s.UserId || (s.CountryIso3 != null && p.OwnerCountryIso3 == s.CountryIso3));

    public Task<BestPracticeVersion> LatestAsync(int practiceId) =>
        db.Set<BestPracticeVersion>().Include(v => v.Attachments).Where(v => v.PracticeId == practiceId)
            .OrderByDescending(v => v.Number).FirstAsync();

    /// <summary>Server-side rules that do not depend on the form: what a focal point or contributor may claim.</summary>
    public static void ApplyScope(PracticeInput input, Submitter s, Action<string, string> error, IStringLocalizer<Ui> L)
    {
        if (s.IsFocalPoint && s.CountryIso3 is { } own && input.Countries.Any(c => c != own))
            error(nameof(PracticeInput.Countries), L["A focal point submits only for their own country."]);
        if (s.IsFocalPoint && s.CountryIso3 is { } mine && input.Countries.Count == 0) input.Countries = [mine];
        if (s.IsContributor && !s.IsFocalPoint && !string.IsNullOrEmpty(s.Organisation)) input.Organisation = s.Organisation;
    }

    public Task<int> CreateAsync(PracticeInput input, Submitter s) => db.RetriedAsync(async () =>
    {
        var practice = new BestPractice { OwnerId = s.UserId, OwnerEmail = s.Email, OwnerCountryIso3 = s.CountryIso3 };
        var version = new BestPracticeVersion { Number = 1, CreatedBy = s.Email, Status = PracticeStatus.Draft };
        input.CopyTo(version);
        Transition(version, input.Submitting);
        practice.Versions.Add(version);
        db.Add(practice);
        // Two saves (the audit line names the new id), one transaction, tried again whole after a transient database error.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        audit.Record(input.Submitting ? "best-practice-submitted" : "best-practice-drafted", $"best-practice/{practice.Id}", version.Title, s.CountryIso3);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return practice.Id;
    });

    /// <summary>
    /// A draft is edited in place; anything already seen by a reviewer (changes requested, published,
    /// declined) is kept and the edit becomes the next version.
    /// </summary>
    public async Task<bool> UpdateAsync(BestPractice practice, PracticeInput input, Submitter s)
    {
        var latest = await LatestAsync(practice.Id);
        if (latest.Status == PracticeStatus.Submitted) return false;
        var target = latest.Status == PracticeStatus.Draft ? latest : NewVersionFrom(latest, s.Email);
        input.CopyTo(target);
        Transition(target, input.Submitting);
        audit.Record(input.Submitting ? "best-practice-submitted" : "best-practice-saved", $"best-practice/{practice.Id}",
            $"v{target.Number}: {target.Title}", s.CountryIso3);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>The next version, starting as a copy of <paramref name="from"/> with its attachments.</summary>
    public BestPracticeVersion NewVersionFrom(BestPracticeVersion from, string by)
    {
        var next = new BestPracticeVersion
        {
            PracticeId = from.PracticeId, Number = from.Number + 1, Status = PracticeStatus.Draft, CreatedBy = by,
            Attachments = from.Attachments.Select(a => new BestPracticeAttachment { FileId = a.FileId, FileName = a.FileName }).ToList(),
        };
        PracticeInput.From(from).CopyTo(next);
        db.Add(next);
        return next;
    }

    private static void Transition(BestPracticeVersion version, bool submit)
    {
        if (!submit) return;
        version.Status = PracticeStatus.Submitted;
        version.SubmittedAt = DateTimeOffset.UtcNow;
        version.ReviewNote = null;
    }
}
