using Retort.Ops;

namespace Retort.Dialects.Postgres;

/// <summary>
/// The forms that keep a live table writable: constraints added NOT VALID and validated later under a weaker
/// lock, unique constraints attached to an index built CONCURRENTLY, and a lock timeout so that a waiting ALTER
/// does not queue every later query behind itself.
/// </summary>
public partial class PostgresDialect
{
    protected override IReadOnlyList<SqlStatement> Generate(CreateForeignKeyOperation o) =>
        o.ForeignKey.NotValid ? [base.Generate(o)[0].Sql + " NOT VALID"] : base.Generate(o);

    protected override IReadOnlyList<SqlStatement> Generate(CreateCheckConstraintOperation o) =>
        o.NotValid ? [base.Generate(o)[0].Sql + " NOT VALID"] : base.Generate(o);

    /// <summary>
    /// CREATE TABLE cannot say NOT VALID: such foreign keys and checks are left out of it and added after it by
    /// ALTER TABLE … NOT VALID (as pg_dump does), so that a reflected unvalidated constraint stays unvalidated.
    /// </summary>
    private (CreateTableOperation Table, List<SqlStatement> After) WithoutNotValid(CreateTableOperation o)
    {
        if (!o.ForeignKeys.Any(f => f.NotValid) && !o.CheckConstraints.Any(c => c.NotValid)) return (o, []);
        var after = new List<SqlStatement>();
        foreach (var f in o.ForeignKeys.Where(f => f.NotValid))
            after.AddRange(Generate(new CreateForeignKeyOperation(Naming.Given(f.Name) ?? Naming.ForeignKey(o.Name, f.Columns, f.ReferencedTable), o.Name, f) { Schema = o.Schema }));
        var checks = o.CheckConstraints.Select((c, i) => (Check: c, Name: Naming.Given(c.Name) ?? Naming.Check(o.Name, i + 1))).Where(c => c.Check.NotValid);
        foreach (var (c, name) in checks)
            after.AddRange(Generate(new CreateCheckConstraintOperation(name, o.Name, c.Sql) { Schema = o.Schema, NotValid = true }));
        return (o with { ForeignKeys = o.ForeignKeys.Where(f => !f.NotValid).ToList(), CheckConstraints = o.CheckConstraints.Where(c => !c.NotValid).ToList() }, after);
    }

    protected override IReadOnlyList<SqlStatement> Generate(ValidateConstraintOperation o) =>
        [$"ALTER TABLE {Qualify(o.Table, o.Schema)} VALIDATE CONSTRAINT {QuoteIdentifier(o.Name)}"];

    /// <summary>The index takes the constraint's name, so dropping the constraint drops it too (the inverse stays one DROP CONSTRAINT).</summary>
    protected override IReadOnlyList<SqlStatement> Generate(CreateUniqueConstraintOperation o)
    {
        if (!o.Concurrently) return base.Generate(o);
        var index = new CreateIndexOperation(o.Name, o.Table, o.Columns) { Unique = true, Concurrently = true, Schema = o.Schema };
        return [.. Generate(index),
            $"ALTER TABLE {Qualify(o.Table, o.Schema)} ADD CONSTRAINT {QuoteIdentifier(o.Name)} UNIQUE USING INDEX {QuoteIdentifier(o.Name)}"];
    }

    public override string? LockTimeoutSetting => "lock_timeout";

    /// <summary>SET LOCAL inside the revision's transaction (it ends with it); SET for a statement run outside one.</summary>
    public override IReadOnlyList<SqlStatement> LockTimeout(TimeSpan timeout, bool inTransaction) =>
        [$"SET {(inTransaction ? "LOCAL " : "")}lock_timeout = {StringLiteral(((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms")}"];
}
