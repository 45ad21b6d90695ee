namespace CopAssessment.Web.Features.Shared;

/// <summary>The outcome of a decision on a submission: done, or the (translated) reason it was not.</summary>
public sealed record DecisionResult(bool Succeeded, string? Error = null)
{
    public static readonly DecisionResult Done = new(true);

    public static DecisionResult Refused(string error) => new(false, error);
}

/// <summary>
/// Carries out a decision the workflow (<see cref="SubmissionWorkflow.Plan"/>) allows on a tracked submission: each
/// step becomes a timeline row and an audit entry, and the caller's notifications go in the same SaveChanges.
/// Used by Submit (Assessments) and by Return, Validate and Reopen (Review).
/// </summary>
public sealed class WorkflowRecorder(CopDbContext db, Audit audit, Outbox outbox, IStringLocalizer<Ui> L)
{
    /// <summary>Applies the plan to the tracked submission, or returns the translated refusal; the caller saves.</summary>
    public DecisionResult Apply(SubmissionContext context, ClaimsPrincipal user, SubmissionAction action, string? note)
    {
        var actor = AssessmentAccess.ActorOf(user);
        if (actor is null) return DecisionResult.Refused(L["You cannot change this assessment."]);
        var submission = context.Submission;
        var plan = SubmissionWorkflow.Plan(submission.Status, action, actor.Value, context.Cycle.Status, note);
        if (!plan.Succeeded) return DecisionResult.Refused(L[plan.Error!]);
        var who = user.Identity?.Name ?? "";
        foreach (var step in plan.Steps)
        {
            // The note belongs to the decision, not to the step taken on the way.
            var stepNote = step.Action == action ? note : null;
            db.Set<SubmissionTransition>().Add(new SubmissionTransition { SubmissionId = submission.Id, From = step.From, To = step.To, By = who, Note = stepNote });
            audit.Record("submission-" + step.Action.ToString().ToLowerInvariant(), $"submission {submission.Id}",
                $"{step.From} → {step.To}{(stepNote is null ? "" : ": " + stepNote)}", submission.CountryIso3);
            submission.Status = step.To;
        }
        if (action == SubmissionAction.Submit) submission.SubmittedAt = DateTimeOffset.UtcNow;
        return DecisionResult.Done;
    }

    /// <summary>
    /// Saves a decision. The submission's xmin is its concurrency token: if someone else moved it since this
    /// request read it (two reviewers, two focal points pressing Submit), nothing is saved and the person is told.
    /// </summary>
    public async Task<DecisionResult> SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
            return DecisionResult.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DecisionResult.Refused(L["Someone else changed this assessment at the same time. Reload and try again."]);
        }
    }

    /// <summary>Mails the country's focal points, each in their own language.</summary>
    public async Task NotifyFocalPointsAsync(SubmissionContext context, Func<IStringLocalizer, (string Subject, string Body)> compose)
    {
        var iso3 = context.Submission.CountryIso3;
        outbox.Enqueue(await db.Users.Where(u => u.CountryIso3 == iso3 && u.Email != null)
            .Select(u => new Recipient(u.Email!, u.PreferredCulture)).ToListAsync(), compose);
    }

    /// <summary>Mails everyone with the role, each in their own language.</summary>
    public async Task NotifyRoleAsync(string role, Func<IStringLocalizer, (string Subject, string Body)> compose) =>
        outbox.Enqueue(await (from u in db.Users
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join r in db.Roles on ur.RoleId equals r.Id
                              where r.Name == role && u.Email != null
                              select new Recipient(u.Email!, u.PreferredCulture)).ToListAsync(), compose);

    /// <summary>An absolute link for a mail.</summary>
    public string Link(string path) => outbox.Link(path);
}
