using Retort.Ops;

namespace Retort.Tests.Providers;

/// <summary>Each operation's inverse (the one rule autogenerate's Downgrade and the spec tests use).</summary>
public class ReverseTests
{
    private static readonly Column Email = new("email", SqlType.String(100)) { Nullable = false };

    [Fact]
    public void Creates_reverse_to_drops_that_carry_what_they_drop_and_back()
    {
        var create = new CreateTableOperation("users", [Email]) { Schema = "app" };
        var drop = Assert.IsType<DropTableOperation>(create.Reverse());
        Assert.Equal(("users", "app"), (drop.Name, drop.Schema));
        Assert.Equal(create, drop.Reverse());

        var add = new AddColumnOperation("users", Email);
        Assert.Equal(new DropColumnOperation("users", "email") { Existing = Email }, add.Reverse());
        Assert.Equal(add, add.Reverse().Reverse());

        var index = new CreateIndexOperation("ix", "users", ["email"]) { Unique = true, Where = "email <> ''" };
        Assert.Equal(index, index.Reverse().Reverse());

        var fk = new CreateForeignKeyOperation("fk", "orders", new ForeignKey("user_id", "users", "id") { OnDelete = ReferentialAction.Cascade });
        var dropFk = Assert.IsType<DropConstraintOperation>(fk.Reverse());
        Assert.Equal(ConstraintKind.ForeignKey, dropFk.Kind);
        Assert.Equal(fk, dropFk.Reverse());
        Assert.Equal(ConstraintKind.Check, ((DropConstraintOperation)new CreateCheckConstraintOperation("ck", "t", "a > 0").Reverse()).Kind);
    }

    [Fact]
    public void Renames_swap_names()
    {
        Assert.Equal(new RenameTableOperation("people", "users"), new RenameTableOperation("users", "people").Reverse());
        var rename = new AlterColumnOperation("users", "email") { NewName = "mail", ExistingType = SqlType.String(100) };
        var back = Assert.IsType<AlterColumnOperation>(rename.Reverse());
        Assert.Equal(("mail", "email"), (back.Column, back.NewName));
        Assert.Equal(rename, back.Reverse());
    }

    [Fact]
    public void Alter_column_swaps_new_and_existing_values()
    {
        var alter = new AlterColumnOperation("users", "email")
        {
            Type = SqlType.Text(), ExistingType = SqlType.String(100),
            Nullable = true, ExistingNullable = false,
            ChangeServerDefault = true, ServerDefault = "'x'", ExistingServerDefault = null,
            ChangeComment = true, Comment = "new", ExistingComment = "old",
        };
        var back = Assert.IsType<AlterColumnOperation>(alter.Reverse());
        Assert.Equal(SqlType.String(100), back.Type);
        Assert.Equal(SqlType.Text(), back.ExistingType);
        Assert.Equal((false, true), (back.Nullable, back.ExistingNullable));
        Assert.Null(back.ServerDefault);
        Assert.Equal("'x'", back.ExistingServerDefault);
        Assert.Equal(("old", "new"), (back.Comment, back.ExistingComment));
        Assert.Equal(alter, back.Reverse());
        Assert.Equal(new TableCommentOperation("t", null) { ExistingComment = "c" }, new TableCommentOperation("t", "c").Reverse());
    }

    private static readonly Dictionary<string, (MigrationOperation Op, string Message)> IrreversibleCases = new()
    {
        ["drop_table"] = (new DropTableOperation("users"), "DropTableOperation cannot be reversed: DropTable(\"users\") does not carry the table's definition (Existing)."),
        ["drop_column"] = (new DropColumnOperation("users", "email"), "DropColumnOperation cannot be reversed: DropColumn(\"users\", \"email\") does not carry the column's definition (Existing)."),
        ["drop_index"] = (new DropIndexOperation("ix", "users"), "DropIndexOperation cannot be reversed: DropIndex(\"ix\") does not carry the index definition (Existing)."),
        ["drop_constraint"] = (new DropConstraintOperation("fk", "orders", ConstraintKind.ForeignKey), "DropConstraintOperation cannot be reversed: DropConstraint(\"fk\") does not carry the constraint's definition (Existing)."),
        ["alter_type"] = (new AlterColumnOperation("users", "email") { Type = SqlType.Text() }, "AlterColumnOperation cannot be reversed: AlterColumn(\"users\", \"email\") changes the type but does not carry ExistingType."),
        ["alter_nullable"] = (new AlterColumnOperation("users", "email") { Nullable = false }, "AlterColumnOperation cannot be reversed: AlterColumn(\"users\", \"email\") changes nullability but does not carry ExistingNullable."),
        ["execute"] = (new ExecuteSqlOperation("DELETE FROM users", []), "ExecuteSqlOperation cannot be reversed: it has no inverse."),
    };

    public static TheoryData<string> Irreversible() => new(IrreversibleCases.Keys);

    [Theory]
    [MemberData(nameof(Irreversible))]
    public void Operations_without_what_they_undo_say_so(string name)
    {
        var (op, message) = IrreversibleCases[name];
        var e = Assert.Throws<IrreversibleOperationException>(op.Reverse);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_batch_reverses_each_change_last_first()
    {
        var rename = new AlterColumnOperation("users", "name") { NewName = "full_name" };
        var batch = new BatchAlterTableOperation("users", [new AddColumnOperation("users", Email), rename]);
        var back = Assert.IsType<BatchAlterTableOperation>(batch.Reverse());
        Assert.Equal([rename.Reverse(), new DropColumnOperation("users", "email") { Existing = Email }], back.Operations);
    }
}
