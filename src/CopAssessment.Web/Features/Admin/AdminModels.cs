using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace CopAssessment.Web.Features.Admin;

public sealed class InviteInput
{
    public string Email { get; set; } = "";
    public string Role { get; set; } = Roles.FocalPoint;
    public string? CountryIso3 { get; set; }
    public string? RegionCode { get; set; }
    public string? Organisation { get; set; }

    /// <summary>The countries and regions the form offers; filled by <see cref="RoleAndScope.LoadChoicesAsync"/>, never bound.</summary>
    [BindNever, ValidateNever]
    public ScopeChoices Choices { get; set; } = ScopeChoices.None;

    /// <summary>A focal point keeps only a country, a coordinator only a region, a contributor only an organisation.</summary>
    public void KeepOnlyTheScopeOfItsRole()
    {
        CountryIso3 = Role == Roles.FocalPoint ? CountryIso3 : null;
        RegionCode = Role == Roles.RegionalCoordinator ? RegionCode : null;
        Organisation = Role == Roles.Contributor ? Organisation?.Trim() : null;
    }
}

/// <summary>What the invitation form and the user form share: validating a role with its scope, and the lists to pick from.</summary>
public static class RoleAndScope
{
    public static async Task<FluentValidation.Results.ValidationResult> ValidateAsync(CopAssessment.Web.Data.CopDbContext db, IStringLocalizer<Ui> L, InviteInput input)
    {
        input.KeepOnlyTheScopeOfItsRole();
        var validator = new InviteValidator(L,
            (await db.Countries.Select(c => c.Iso3).ToListAsync()).ToHashSet(),
            (await db.Regions.Select(r => r.Code).ToListAsync()).ToHashSet());
        return await validator.ValidateAsync(input);
    }

    public static async Task<InviteInput> LoadChoicesAsync(CopAssessment.Web.Data.CopDbContext db, PlaceNames places, InviteInput input)
    {
        input.Choices = new ScopeChoices(
            await places.SortedAsync(),
            await db.Regions.OrderBy(r => r.Code).Select(r => new KeyValuePair<string, string>(r.Code, r.Name)).ToListAsync());
        return input;
    }
}

/// <summary>Countries and regions to pick from (code, name), in the order shown.</summary>
public sealed record ScopeChoices(IReadOnlyList<KeyValuePair<string, string>> Countries, IReadOnlyList<KeyValuePair<string, string>> Regions)
{
    public static readonly ScopeChoices None = new([], []);
}

/// <summary>The user form: whose account, and the role and scope being edited.</summary>
public sealed record UserForm(string UserId, InviteInput Input);

public sealed record UsersPage(IReadOnlyList<UserRow> Rows, string? Query);

public sealed record MailPage(IReadOnlyList<OutboxMessage> Messages, string? Status);

/// <summary>The Member States (in the reader's language and order: <see cref="Names"/>), the regions, and a refused rename.</summary>
public sealed record CountriesPage(IReadOnlyList<KeyValuePair<string, string>> Names, IReadOnlyDictionary<string, string> RegionOf, IReadOnlyList<RegionRow> Regions, string? Region, RegionRename? Refused = null);

/// <summary>A region rename that was refused: the name as typed and why.</summary>
public sealed record RegionRename(string Code, string Name, string Error);

public sealed class InviteValidator : AbstractValidator<InviteInput>
{
    public InviteValidator(IStringLocalizer<Ui> L, IReadOnlySet<string> countries, IReadOnlySet<string> regions)
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage(L["Enter an e-mail address."])
            .EmailAddress().WithMessage(L["Enter a valid e-mail address."]).MaximumLength(TextLimits.Email).WithMessage(L["Use at most {0} characters.", TextLimits.Email]);
        RuleFor(x => x.Role).Must(r => Roles.All.Contains(r)).WithMessage(L["Choose a role."]);
        RuleFor(x => x.CountryIso3).Must(c => c is not null && countries.Contains(c))
            .When(x => x.Role == Roles.FocalPoint).WithMessage(L["A focal point needs a country."]);
        RuleFor(x => x.RegionCode).Must(r => r is not null && regions.Contains(r))
            .When(x => x.Role == Roles.RegionalCoordinator).WithMessage(L["A regional coordinator needs a region."]);
        // Each check its own message: WithMessage names only the check just before it.
        RuleFor(x => x.Organisation).NotEmpty().WithMessage(L["A contributor needs an organisation."])
            .MaximumLength(TextLimits.Organisation).WithMessage(L["Use at most {0} characters.", TextLimits.Organisation])
            .When(x => x.Role == Roles.Contributor);
    }
}

public sealed class CountryInput
{
    public string Iso3 { get; set; } = "";
    public string Name { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public uint Version { get; set; }

    /// <summary>The name in each other language (<see cref="PlaceNames.Languages"/>); empty: the English name is shown.</summary>
    public Dictionary<string, string?> Names { get; set; } = [];

    /// <summary>What the form shows beside the fields; filled by the controller, never bound.</summary>
    [BindNever, ValidateNever]
    public IReadOnlyList<RegionRow> Regions { get; set; } = [];

    [BindNever, ValidateNever]
    public IReadOnlyList<CountryChange> History { get; set; } = [];
}

public sealed class RegionNameInput
{
    public string? Name { get; set; }
}

public sealed class RegionNameValidator : AbstractValidator<RegionNameInput>
{
    public RegionNameValidator(IStringLocalizer<Ui> L)
    {
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(L["A region name needs 1 to {0} characters.", TextLimits.PlaceName])
            .MaximumLength(TextLimits.PlaceName).WithMessage(L["Use at most {0} characters.", TextLimits.PlaceName]);
    }
}

public sealed class CountryValidator : AbstractValidator<CountryInput>
{
    public CountryValidator(IStringLocalizer<Ui> L, IReadOnlySet<string> regions)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage(L["Enter the country's name."])
            .MaximumLength(TextLimits.PlaceName).WithMessage(L["Use at most {0} characters.", TextLimits.PlaceName]);
        RuleFor(x => x.RegionCode).Must(regions.Contains).WithMessage(L["Choose a region."]);
        RuleFor(x => x.Names).Must(n => n.Keys.All(PlaceNames.Languages.Contains)).WithMessage(L["A name was given for a language the product does not have."]);
        RuleForEach(x => x.Names).Must(n => (n.Value?.Trim().Length ?? 0) <= TextLimits.PlaceName)
            .OverridePropertyName(nameof(CountryInput.Names)).WithMessage(L["Use at most {0} characters.", TextLimits.PlaceName]);
    }
}
