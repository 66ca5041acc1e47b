// create users table
//
// Revision ID: 1975ea83b712
// Revises:
using Retort;

namespace Retort.Sample.Migrations;

[Revision("1975ea83b712", Message = "create users table")]
public sealed class CreateUsersTable : Migration
{
    public override void Upgrade(Operations op) =>
        op.CreateTable("users",
            new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true, Nullable = false },
            new Column("name", SqlType.String(50)) { Nullable = false });

    public override void Downgrade(Operations op) => op.DropTable("users");
}
