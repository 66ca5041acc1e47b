namespace Retort;

public partial class Operations
{
    /// <summary>
    /// Names the constraints and indexes a revision leaves unnamed (retort.toml's [naming_convention], env.cs's
    /// <c>context.NamingConvention</c>, or the target MetaData's). A name the revision gives is used as it is.
    /// </summary>
    public NamingConvention Naming { get; init; } = NamingConvention.Default;

    /// <summary>The table's unnamed elements named by the convention, for the kinds it has a template for (Retort's
    /// own names for the others are given when the SQL is written, as before).</summary>
    private IEnumerable<ITableElement> Named(string table, string? schema, IReadOnlyList<ITableElement> elements)
    {
        if (Naming.IsDefault) return elements;
        var columns = elements.OfType<Column>().ToList();
        var checks = 0;
        return elements.Select(e => e switch
        {
            PrimaryKey { Name: null } p when Naming.Pk is not null => p with { Name = Naming.PrimaryKeyName(table, p.Columns, schema: schema) },
            ForeignKey { Name: null } f when Naming.Fk is not null =>
                f with { Name = Naming.ForeignKeyName(table, f.Columns, f.ReferencedTable, f.ReferencedColumns, schema: schema) },
            UniqueConstraint { Name: null } u when Naming.Uq is not null => u with { Name = Naming.UniqueName(table, u.Columns, schema: schema) },
            CheckConstraint c => NamedCheck(c, ++checks),
            TableIndex { Name: null } i => i with { Name = Naming.IndexName(table, i.Columns, schema: schema) },
            _ => e,
        }).Concat(ImplicitPrimaryKey());

        ITableElement NamedCheck(CheckConstraint c, int position) =>
            c.Name is null && Naming.Ck is not null ? c with { Name = Naming.CheckName(table, position, c.Column, schema: schema) } : c;

        // Key columns flagged on the columns make an unnamed key: name it where the convention names keys.
        IEnumerable<ITableElement> ImplicitPrimaryKey() =>
            Naming.Pk is null || elements.OfType<PrimaryKey>().Any() || !columns.Any(c => c.PrimaryKey) ? []
                : [new PrimaryKey(columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToArray()) { Name = Naming.PrimaryKeyName(table, columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToList(), schema: schema) }];
    }
}
