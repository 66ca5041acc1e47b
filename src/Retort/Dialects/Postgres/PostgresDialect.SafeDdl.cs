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
