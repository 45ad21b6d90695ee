using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Questionnaires;

public static class QuestionnaireSetup
{
    public static void AddQuestionnaires(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<QuestionnaireCatalog>();
        builder.Services.AddScoped<QuestionnaireImporter>();
        builder.Services.AddScoped<ICommand, QuestionnaireCommand>();
        builder.Services.AddSingleton<IDatabaseObjects, QuestionnaireVersionGuard>();
        builder.Services.AddSingleton(new NavigationItem("Questionnaires", "/admin/questionnaires", 4, Roles.Administrator) { Menu = NavigationItem.Administration });
    }
}
