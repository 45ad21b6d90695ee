using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Account;
using CopAssessment.Web.Features.Questionnaires;
using QDomain = CopAssessment.Domain.Questionnaires.Domain;

namespace CopAssessment.Web.Features.Contributors;

/// <summary>The focal point's form: a colleague's e-mail address (to invite) and the sections they answer.</summary>
public sealed class AssignmentInput
{
    public string? Email { get; set; }
    public List<string> Sections { get; set; } = [];

    /// <summary>The sections not assigned are hidden from the contributor (otherwise read-only).</summary>
    public bool OthersHidden { get; set; }
}

public sealed class AssignmentValidator : AbstractValidator<AssignmentInput>
{
    public AssignmentValidator(IStringLocalizer<Ui> L, QuestionnaireDefinition definition, bool invite)
    {
        var keys = ContributorSections.KeysOf(definition);
        RuleFor(x => x.Email).NotEmpty().WithMessage(L["Enter an e-mail address."])
            .EmailAddress().WithMessage(L["Enter a valid e-mail address."]).MaximumLength(TextLimits.Email).WithMessage(L["Use at most {0} characters.", TextLimits.Email])
            .When(_ => invite);
        RuleFor(x => x.Sections).NotEmpty().WithMessage(L["Choose at least one section."])
            .Must(s => s.Count <= keys.Count && s.All(keys.Contains)).WithMessage(L["Choose sections of the questionnaire."]);
    }
}

public sealed record ContributorRow(string UserId, string Email, string Name, IReadOnlyList<string> Sections, bool OthersHidden);

public sealed record PendingInvitation(Guid Id, string Email, IReadOnlyList<string> Sections, DateTimeOffset ExpiresAt);

public sealed class TeamPage
{
    public required string CountryName { get; init; }
    public required QuestionnaireDefinition Definition { get; init; }
    public required IReadOnlyList<ContributorRow> Contributors { get; init; }
    public required IReadOnlyList<PendingInvitation> Invitations { get; init; }
    public AssignmentInput Input { get; init; } = new();

    /// <summary>The contributor whose form was refused (null: the invitation form).</summary>
    public string? RefusedUserId { get; init; }
    public Dictionary<string, string> Errors { get; init; } = [];
    public string Culture { get; init; } = "en";

    /// <summary>A section's name as the reader reads it: a domain, or a capability under its domain.</summary>
    public LocalizedText? NameOf(string key) =>
        Definition.Domains.FirstOrDefault(d => d.Key == key)?.Name
        ?? Definition.Domains.SelectMany(d => d.Capabilities).FirstOrDefault(c => c.Key == key)?.Name;
}

/// <summary>
/// A focal point's national contributors: colleagues of the same country invited through the invitation flow
/// (the invitation carries the country, never chosen in the form, and the sections), each assigned domains or
/// capabilities, reassigned or revoked at any time. A contributor's scope is these rows (<see cref="UserScope"/>
/// reads them on every request), so a change takes effect on the contributor's next request.
/// </summary>
public sealed class ContributorTeam(CopDbContext db, UserScope scope, QuestionnaireCatalog catalog, PlaceNames places, InvitationService invitations,
    Outbox outbox, Audit audit, IStringLocalizer<Ui> L)
{
    private static string Culture => CultureInfo.CurrentUICulture.Name;

    /// <summary>The focal point's country: from the scope, never from the form.</summary>
    private string Country => scope.Kind == ScopeKind.Country && scope.Sections is null ? scope.CountryIso3! : throw new InvalidOperationException("Not a focal point");

    public async Task<TeamPage> ShowAsync(AssignmentInput? input = null, string? refusedUserId = null, Dictionary<string, string>? errors = null)
    {
        var country = Country;
        var rows = await db.ContributorAssignments.AsNoTracking().VisibleTo(scope)
            .Select(a => new { a.UserId, a.User!.Email, a.User.DisplayName, a.SectionKey, a.OthersHidden }).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        var pending = await db.Invitations.AsNoTracking()
            .Where(i => i.Role == Roles.NationalContributor && i.CountryIso3 == country && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email).Select(i => new PendingInvitation(i.Id, i.Email, i.Sections, i.ExpiresAt)).ToListAsync();
        return new TeamPage
        {
            CountryName = await places.CountryAsync(country),
            Definition = await DefinitionAsync(),
            Contributors = [.. rows.GroupBy(r => r.UserId).Select(g => new ContributorRow(g.Key, g.First().Email ?? "", g.First().DisplayName ?? "",
                [.. g.Select(r => r.SectionKey).Order(StringComparer.Ordinal)], g.Any(r => r.OthersHidden))).OrderBy(r => r.Email, StringComparer.Ordinal)],
            Invitations = pending,
            Input = input ?? new AssignmentInput(),
            RefusedUserId = refusedUserId,
            Errors = errors ?? [],
            Culture = Culture,
        };
    }

    /// <summary>The questionnaire of the country's current assessment (or the latest one): its sections are what can be assigned.</summary>
    public async Task<QuestionnaireDefinition> DefinitionAsync()
    {
        var country = Country;
        var versionId = await db.Set<Submission>().Where(s => s.CountryIso3 == country && s.Cycle!.Status == CycleStatus.Open)
            .OrderByDescending(s => s.Cycle!.Deadline).Select(s => (int?)s.Cycle!.QuestionnaireVersionId).FirstOrDefaultAsync()
            ?? (await catalog.GetLatestVersionAsync())!.Id;
        return await catalog.GetDefinitionAsync(versionId);
    }

    public async Task<Outcome<TeamPage>> InviteAsync(AssignmentInput input, string invitedBy)
    {
        input.Email = input.Email?.Trim();
        var definition = await DefinitionAsync();
        var errors = new AssignmentValidator(L, definition, invite: true).Validate(input).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
        if (errors.Count == 0 && await db.Users.AnyAsync(u => u.NormalizedEmail == input.Email!.ToUpperInvariant()))
            errors[nameof(input.Email)] = L["Someone with this e-mail address already has an account."];
        if (errors.Count > 0) return Outcome<TeamPage>.Show(await ShowAsync(input, errors: errors), StatusCodes.Status422UnprocessableEntity);
        var sections = Ordered(definition, input.Sections);
        invitations.Create(new Invitation
        {
            Email = input.Email!, Role = Roles.NationalContributor, CountryIso3 = Country, Sections = sections, OthersHidden = input.OthersHidden,
            TokenHash = "", InvitedBy = invitedBy,
        }, L => SectionsText(L, definition, sections));
        await db.SaveChangesAsync();
        return Outcome<TeamPage>.GoTo(nameof(ContributorsController.Index), new { }, L["Invitation sent to {0}.", input.Email!]);
    }

    /// <summary>Replaces a contributor's sections; the contributor is mailed the sections newly given.</summary>
    public async Task<Outcome<TeamPage>?> AssignAsync(string userId, AssignmentInput input, string assignedBy)
    {
        var current = await db.ContributorAssignments.VisibleTo(scope).Where(a => a.UserId == userId).ToListAsync();
        if (current.Count == 0) return null;
        var definition = await DefinitionAsync();
        var errors = new AssignmentValidator(L, definition, invite: false).Validate(input).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
        if (errors.Count > 0) return Outcome<TeamPage>.Show(await ShowAsync(input, userId, errors), StatusCodes.Status422UnprocessableEntity);
        var sections = Ordered(definition, input.Sections);
        db.ContributorAssignments.RemoveRange(current.Where(a => !sections.Contains(a.SectionKey)));
        foreach (var kept in current) kept.OthersHidden = input.OthersHidden;
        var added = sections.Except(current.Select(a => a.SectionKey)).ToArray();
        foreach (var key in added)
            db.ContributorAssignments.Add(new ContributorAssignment { UserId = userId, CountryIso3 = Country, SectionKey = key, OthersHidden = input.OthersHidden, AssignedBy = assignedBy });
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.PreferredCulture }).SingleAsync();
        if (added.Length > 0) await MailAssignedAsync(new Recipient(user.Email!, user.PreferredCulture), definition, added);
        audit.Record("contributor-assigned", user.Email!, string.Join(" ", sections), Country);
        await db.SaveChangesAsync();
        return Outcome<TeamPage>.GoTo(nameof(ContributorsController.Index), new { }, L["The sections of {0} are saved.", user.Email!]);
    }

    /// <summary>Takes every section away: from the contributor's next request on they see nothing of the country.</summary>
    public async Task<Outcome<TeamPage>?> RevokeAsync(string userId)
    {
        var current = await db.ContributorAssignments.VisibleTo(scope).Where(a => a.UserId == userId).ToListAsync();
        if (current.Count == 0) return null;
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync();
        db.ContributorAssignments.RemoveRange(current);
        audit.Record("contributor-revoked", email ?? userId, string.Join(" ", current.Select(a => a.SectionKey)), Country);
        await db.SaveChangesAsync();
        return Outcome<TeamPage>.GoTo(nameof(ContributorsController.Index), new { }, L["{0} no longer has access to the assessment.", email ?? ""]);
    }

    /// <summary>The keys in questionnaire order, each once.</summary>
    private static string[] Ordered(QuestionnaireDefinition definition, IEnumerable<string> keys)
    {
        var chosen = keys.ToHashSet(StringComparer.Ordinal);
        return [.. ContributorSections.KeysOf(definition).Where(chosen.Contains)];
    }

    /// <summary>"You are asked to answer: …", one section per line, in the language being composed.</summary>
    public static string SectionsText(IStringLocalizer L, QuestionnaireDefinition definition, IEnumerable<string> keys)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        var names = keys.Select(k => definition.Domains.FirstOrDefault(d => d.Key == k)?.Name.Get(culture)
            ?? definition.Domains.SelectMany(d => d.Capabilities).FirstOrDefault(c => c.Key == k)?.Name.Get(culture) ?? k);
        return $"{L["You are asked to answer these sections of the assessment:"]}\n" + string.Join("\n", names.Select(n => "- " + n)) + "\n";
    }

    private async Task MailAssignedAsync(Recipient recipient, QuestionnaireDefinition definition, IReadOnlyList<string> sections)
    {
        var country = Country;
        var names = await places.AllLanguagesAsync(country);
        var submissionId = await db.Set<Submission>().Where(s => s.CountryIso3 == country && s.Cycle!.Status == CycleStatus.Open)
            .OrderByDescending(s => s.Cycle!.Deadline).Select(s => (int?)s.Id).FirstOrDefaultAsync();
        var link = outbox.Link(submissionId is { } id ? Links.Assessment(id) : "/");
        outbox.Enqueue([recipient], L => (
            L["New sections to answer in the assessment of {0}", PlaceNames.InCurrentLanguage(names)],
            $"{SectionsText(L, definition, sections)}\n{L["Open the assessment: {0}", link]}\n"));
    }
}

/// <summary>
/// The focal points are told when a contributor's section is complete: every required question that applies is
/// answered. Once per submission, section and focal point (the outbox's deduplication key).
/// </summary>
public sealed class SectionCompletion(CopDbContext db, UserScope scope, Outbox outbox, PlaceNames places)
{
    public async Task NotifyAsync(int submissionId, QuestionnaireDefinition definition, IEnumerable<string> savedKeys)
    {
        if (scope.Sections is not { } sections) return;
        var touched = savedKeys.SelectMany(k => ContributorSections.SectionsOf(definition, k)).Where(sections.Keys.Contains).Distinct().ToList();
        if (touched.Count == 0) return;
        var scorecard = ScoringEngine.Score(definition, await db.LoadAnswerValuesAsync(submissionId), ScoringMode.Provisional);
        var complete = touched.Where(k => (scorecard.FindDomain(k)?.Completeness ?? CompletenessOf(scorecard.FindCapability(k))) is { Required: > 0 } c
            && c.Answered >= c.Required).ToList();
        if (complete.Count == 0) return;
        var country = scope.CountryIso3!;
        var focalPoints = await (from u in db.Users
                                 join ur in db.UserRoles on u.Id equals ur.UserId
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where r.Name == Roles.FocalPoint && u.CountryIso3 == country && u.Email != null
                                 select new Recipient(u.Email!, u.PreferredCulture)).ToListAsync();
        var keys = (from section in complete from focal in focalPoints
                    select (Section: section, Focal: focal, Key: $"section-complete:{submissionId}:{section}:{focal.Email}")).ToList();
        var allKeys = keys.Select(k => k.Key).ToList();
        var sent = (await db.OutboxMessages.Where(m => m.DeduplicationKey != null && allKeys.Contains(m.DeduplicationKey)).Select(m => m.DeduplicationKey!).ToListAsync()).ToHashSet();
        var names = await places.AllLanguagesAsync(country);
        var who = await db.Users.Where(u => u.Id == sections.UserId).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync() ?? "";
        foreach (var (section, focal, key) in keys.Where(k => !sent.Contains(k.Key)))
        {
            var (subject, body) = outbox.InLanguage(Outbox.LanguageOf(focal.Culture), L =>
            {
                var culture = CultureInfo.CurrentUICulture.Name;
                var name = definition.Domains.FirstOrDefault(d => d.Key == section)?.Name.Get(culture)
                    ?? definition.Domains.SelectMany(d => d.Capabilities).First(c => c.Key == section).Name.Get(culture);
                return (L["Section complete: {0} ({1})", name, PlaceNames.InCurrentLanguage(names)].Value,
                    $"{L["{0} has answered every required question of {1}.", who, name]}\n\n{L["Open the assessment: {0}", outbox.Link(Links.Assessment(submissionId))]}\n");
            });
            outbox.Enqueue(focal.Email, subject, body, key);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A capability's required questions that apply, and how many are answered.</summary>
    private static Completeness? CompletenessOf(CapabilityScore? capability) => capability is null ? null
        : new Completeness(capability.Questions.Count(q => q.Required && q.Answered), capability.Questions.Count(q => q.Required));
}

/// <summary>The section checkboxes and the "other sections" choice of one form.</summary>
public sealed record SectionChoices(QuestionnaireDefinition Definition, string Prefix, IReadOnlySet<string> Chosen, bool OthersHidden,
    IReadOnlyDictionary<string, string> Errors, string Culture);
