// create phone number for user col
//
// Revision ID: ae1027a6acf2
// Revises: 1975ea83b712
using Retort;

namespace Retort.Sample.Migrations;

[Revision("ae1027a6acf2", DownRevision = "1975ea83b712", Message = "create phone number for user col")]
public sealed class CreatePhoneNumberForUserCol : Migration
{
    public override void Upgrade(Operations op) =>
        op.AddColumn("users", new Column("phone_number", SqlType.String(30)) { Nullable = true });

    public override void Downgrade(Operations op) => op.DropColumn("users", "phone_number");
}
