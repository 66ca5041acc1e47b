namespace Retort.Tests.Fidelity;

/// <summary>For acceptance tests that need "the same catalog": fails with every difference, one per line.</summary>
public static class CatalogAssert
{
    public static void Same(CatalogSnapshot expected, CatalogSnapshot actual, string what = "catalogs")
    {
        var differences = CatalogSnapshot.Compare(expected, actual);
        Assert.True(differences.Count == 0, $"{what} differ in {differences.Count} place(s):\n" + string.Join("\n", differences));
    }

    /// <summary>Both databases, read through their own catalogs (Retort's version tables left out).</summary>
    public static async Task SameAsync(FidelityDatabase expected, FidelityDatabase actual, string what = "catalogs") =>
        Same(await expected.SnapshotAsync(), await actual.SnapshotAsync(), what);
}
