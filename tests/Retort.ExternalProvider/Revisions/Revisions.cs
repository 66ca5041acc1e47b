using Retort.Ops;

namespace Retort.ExternalProvider.Revisions;

// Revisions compiled into this assembly, as an application would ship them; the tests run them on DuckDB.

[Revision("duck00000001", Message = "create users")]
public sealed class CreateUsers : Migration
{
    public override void Upgrade(Operations op)
    {
        op.Add(new CreateSequenceOperation("ticket_numbers", 100));
        op.CreateTable("users",
            new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true, Nullable = false },
            new Column("name", SqlType.String(50)) { Nullable = false },
            new Column("ticket", SqlType.BigInt()) { ServerDefault = "nextval('ticket_numbers')" });
    }

    public override void Downgrade(Operations op)
    {
        op.DropTable("users");
        op.Add(new CreateSequenceOperation("ticket_numbers", 100).Reverse());
    }
}

[Revision("duck00000002", DownRevision = "duck00000001", Message = "add email")]
public sealed class AddEmail : Migration
{
    public override void Upgrade(Operations op) => op.AddColumn("users", new Column("email", SqlType.String(200)));

    public override void Downgrade(Operations op) => op.DropColumn("users", "email");
}
