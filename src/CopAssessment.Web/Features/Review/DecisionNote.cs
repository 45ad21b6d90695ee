using CopAssessment.Web.Data;
using CopAssessment.Web.Infrastructure.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Features.Review;

/// <summary>The free text of a decision: the note of a return or a validation, the reason for reopening.</summary>
/// <param name="Field">The form field it came from, so its error shows beside it.</param>
public sealed record DecisionNote(string Field, string? Text);

/// <summary>A note is stored in a column of <see cref="TextLimits.Note"/> characters: longer is refused with a message, not a 500.</summary>
public sealed class DecisionNoteValidator : AbstractValidator<DecisionNote>
{
    public DecisionNoteValidator(IStringLocalizer<Ui> L)
    {
        RuleFor(x => x.Text).MaximumLength(TextLimits.Note)
            .WithMessage(x => L["Use at most {0} characters (this text has {1}).", TextLimits.Note, x.Text!.Length]);
    }
}
