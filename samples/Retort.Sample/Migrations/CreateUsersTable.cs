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
            // 64-bit ids, as the app's User record reads them (long): BIGINT on PostgreSQL and MariaDB, where INTEGER
            // is 32-bit and Dapper would find no matching constructor; SQLite's INTEGER is 64-bit already, and
            // AUTOINCREMENT is only allowed on a column of exactly that type.
            new Column("id", SqlType.Custom(("sqlite", "INTEGER"), ("*", "BIGINT"))) { PrimaryKey = true, Autoincrement = true, Nullable = false },
            new Column("name", SqlType.String(50)) { Nullable = false });

    public override void Downgrade(Operations op) => op.DropTable("users");
}
