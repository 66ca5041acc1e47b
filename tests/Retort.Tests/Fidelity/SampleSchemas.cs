namespace Retort.Tests.Fidelity;

/// <summary>The real public sample schemas in tests/data/schemas/&lt;dialect&gt;/&lt;name&gt;.sql (see the README there).</summary>
public static class SampleSchemas
{
    public static string Root
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !System.IO.File.Exists(Path.Combine(dir, "Retort.slnx"))) dir = Path.GetDirectoryName(dir);
            return Path.Combine(dir ?? throw new InvalidOperationException("Retort.slnx not found above " + AppContext.BaseDirectory), "tests", "data", "schemas");
        }
    }

    /// <summary>A sample schema's file: tests/data/schemas/&lt;dialect&gt;/, else the whole one (pagila is kept only whole).</summary>
    public static string File(string dialect, string name)
    {
        var cut = Path.Combine(Root, dialect, name + ".sql");
        return System.IO.File.Exists(cut) ? cut : WholeFile(dialect, name);
    }

    /// <summary>
    /// Schemas loaded whole, as upstream ships them (views, routines, triggers, partitions, extensions), in
    /// tests/data/schemas/whole/&lt;dialect&gt;/ (see the README there): their file names, for theories.
    /// </summary>
    public static TheoryData<string> Whole(string dialect)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "whole", dialect), "*.sql").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    public static string WholeFile(string dialect, string name) => Path.Combine(Root, "whole", dialect, name + ".sql");

    /// <summary>Every (dialect, schema) pair on disk, the whole schemas included (see <see cref="File"/>), for theories.</summary>
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var dialect in new[] { "postgresql", "mysql", "sqlite" })
        {
            var whole = Path.Combine(Root, "whole", dialect);
            var files = Directory.GetFiles(Path.Combine(Root, dialect), "*.sql")
                .Concat(Directory.Exists(whole) ? Directory.GetFiles(whole, "*.sql") : []);
            foreach (var name in files.Select(Path.GetFileNameWithoutExtension).Distinct().Order(StringComparer.Ordinal))
                data.Add(dialect, name!);
        }
        return data;
    }
}
