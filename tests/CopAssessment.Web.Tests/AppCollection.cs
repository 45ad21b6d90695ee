namespace CopAssessment.Web.Tests;

/// <summary>One migrated database and app for the whole assembly; tests create the data they change.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<CopAppFactory>
{
    public const string Name = "app";
}
