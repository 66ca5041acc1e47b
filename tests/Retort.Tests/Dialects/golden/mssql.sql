-- create_table
CREATE TABLE [orders] (
    [id] INTEGER IDENTITY(1,1) NOT NULL,
    [user_id] BIGINT NOT NULL,
    [status] NVARCHAR(4) DEFAULT 'new',
    [total] NUMERIC(10, 2),
    [placed_at] DATETIMEOFFSET,
    [ref] UNIQUEIDENTIFIER,
    [data] NVARCHAR(max),
    [flag] BIT DEFAULT 1,
    CONSTRAINT [pk_orders] PRIMARY KEY ([id]),
    CONSTRAINT [uq_orders_user_id_ref] UNIQUE ([user_id], [ref]),
    CONSTRAINT [ck_orders_1] CHECK (total >= 0),
    CONSTRAINT [ck_orders_status] CHECK ([status] IN (N'new', N'paid')),
    CONSTRAINT [fk_orders_user_id_users] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]) ON DELETE CASCADE ON UPDATE NO ACTION
);
EXEC sp_addextendedproperty N'MS_Description', N'customer orders', N'schema', N'dbo', N'table', N'orders';
EXEC sp_addextendedproperty N'MS_Description', N'who ordered', N'schema', N'dbo', N'table', N'orders', N'column', N'user_id';
-- composite_pk
CREATE TABLE [app].[tags] (
    [a] NVARCHAR(10),
    [b] SMALLINT,
    CONSTRAINT [pk_ab] PRIMARY KEY ([a], [b])
);
-- drop_table
DROP TABLE [orders];
-- rename_table
EXEC sp_rename N'orders', N'purchases';
-- add_column
ALTER TABLE [users] ADD [phone] NVARCHAR(20) DEFAULT '' NOT NULL;
-- drop_column
DECLARE @const_name NVARCHAR(256); SELECT @const_name = N'[' + d.name + N']' FROM sys.default_constraints d JOIN sys.columns c ON d.parent_column_id = c.column_id AND d.parent_object_id = c.object_id WHERE d.parent_object_id = OBJECT_ID(N'users') AND c.name = N'phone'; IF @const_name IS NOT NULL EXEC(N'ALTER TABLE [users] DROP CONSTRAINT ' + @const_name);
ALTER TABLE [users] DROP COLUMN [phone];
-- alter_type
ALTER TABLE [users] ALTER COLUMN [name] NVARCHAR(max) NOT NULL;
-- alter_nullable
ALTER TABLE [users] ALTER COLUMN [name] NVARCHAR(50) NULL;
-- alter_default
DECLARE @const_name NVARCHAR(256); SELECT @const_name = N'[' + d.name + N']' FROM sys.default_constraints d JOIN sys.columns c ON d.parent_column_id = c.column_id AND d.parent_object_id = c.object_id WHERE d.parent_object_id = OBJECT_ID(N'users') AND c.name = N'name'; IF @const_name IS NOT NULL EXEC(N'ALTER TABLE [users] DROP CONSTRAINT ' + @const_name);
ALTER TABLE [users] ADD CONSTRAINT [df_users_name] DEFAULT 'x' FOR [name];
-- drop_default
DECLARE @const_name NVARCHAR(256); SELECT @const_name = N'[' + d.name + N']' FROM sys.default_constraints d JOIN sys.columns c ON d.parent_column_id = c.column_id AND d.parent_object_id = c.object_id WHERE d.parent_object_id = OBJECT_ID(N'users') AND c.name = N'name'; IF @const_name IS NOT NULL EXEC(N'ALTER TABLE [users] DROP CONSTRAINT ' + @const_name);
-- rename_column
EXEC sp_rename N'users.name', N'full_name', 'COLUMN';
-- column_comment
EXEC sp_addextendedproperty N'MS_Description', N'it''s the name', N'schema', N'dbo', N'table', N'users', N'column', N'name';
-- create_index
CREATE INDEX [ix_users_name] ON [users] ([name], [email]);
-- create_unique_index
CREATE UNIQUE INDEX [ix_users_email] ON [users] ([email]);
-- partial_index
CREATE INDEX [ix_users_active] ON [users] ([name]) WHERE active;
-- concurrent_index
CREATE INDEX [ix_users_c] ON [users] ([name]);
-- drop_index
DROP INDEX [ix_users_name] ON [users];
-- create_table_if_not_exists
-- not supported: SQL Server has no CREATE TABLE IF NOT EXISTS (table audit).
-- drop_table_if_exists
DROP TABLE IF EXISTS [audit];
-- create_index_if_not_exists
-- not supported: SQL Server has no CREATE INDEX IF NOT EXISTS (index ix_users_name).
-- drop_index_if_exists
DROP INDEX IF EXISTS [ix_users_name] ON [users];
-- create_pk
ALTER TABLE [users] ADD CONSTRAINT [pk_users] PRIMARY KEY ([id]);
-- create_unique
ALTER TABLE [users] ADD CONSTRAINT [uq_users_email] UNIQUE ([email]);
-- create_fk
ALTER TABLE [orders] ADD CONSTRAINT [fk_orders_user] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]) ON DELETE SET NULL;
-- create_check
ALTER TABLE [users] ADD CONSTRAINT [ck_users_age] CHECK (age > 0);
-- create_fk_not_valid
ALTER TABLE [orders] WITH NOCHECK ADD CONSTRAINT [fk_orders_user] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]);
-- create_check_not_valid
ALTER TABLE [users] WITH NOCHECK ADD CONSTRAINT [ck_users_age] CHECK (age > 0);
-- validate_constraint
ALTER TABLE [users] WITH CHECK CHECK CONSTRAINT [ck_users_age];
-- unvalidate_check
ALTER TABLE [users] DROP CONSTRAINT [ck_users_age];
ALTER TABLE [users] WITH NOCHECK ADD CONSTRAINT [ck_users_age] CHECK (age > 0);
-- unvalidate_fk
ALTER TABLE [orders] DROP CONSTRAINT [fk_orders_user];
ALTER TABLE [orders] WITH NOCHECK ADD CONSTRAINT [fk_orders_user] FOREIGN KEY ([user_id]) REFERENCES [users] ([id]);
-- index_comment
-- not supported: mssql cannot change the comment of the index ix_users_name alone: drop and create the index with its comment.
-- drop_index_comment
-- not supported: mssql cannot change the comment of the index ix_users_name alone: drop and create the index with its comment.
-- create_unique_concurrently
ALTER TABLE [users] ADD CONSTRAINT [uq_users_email] UNIQUE ([email]);
-- drop_pk
ALTER TABLE [users] DROP CONSTRAINT [pk_users];
-- drop_unique
ALTER TABLE [users] DROP CONSTRAINT [uq_users_email];
-- drop_fk
ALTER TABLE [orders] DROP CONSTRAINT [fk_orders_user];
-- drop_check
ALTER TABLE [users] DROP CONSTRAINT [ck_users_age];
-- table_comment
EXEC sp_addextendedproperty N'MS_Description', N'people', N'schema', N'dbo', N'table', N'users';
-- drop_table_comment
EXEC sp_dropextendedproperty N'MS_Description', N'schema', N'dbo', N'table', N'users';
-- execute
UPDATE users SET name = N'O''Neil' WHERE id = 7;
-- bulk_insert
INSERT INTO [roles] ([id], [name], [active]) VALUES (1, N'admin', 1), (2, NULL, 0);
-- insert_data
INSERT INTO [auth].[roles] ([id], [name], [active]) VALUES (1, N'admin', 1), (2, N'O''Neil', 0);
-- delete_data
DELETE FROM [roles] WHERE [id] = 1 AND [tenant] = 7;
DELETE FROM [roles] WHERE [id] = 2 AND [tenant] = 7;
-- update_data
UPDATE [roles] SET [name] = N'owner', [active] = 0 WHERE [id] = 1;
-- create_schema
CREATE SCHEMA [audit];
-- drop_schema
DROP SCHEMA [audit];
-- custom_type
ALTER TABLE [users] ADD [tags] TEXT;
-- create_partitioned_table
-- not supported: The mssql provider writes no partitions inside a table's definition (table logs, partition p0).
-- create_hash_partitioned_table
-- not supported: The mssql provider writes no partitions inside a table's definition (table buckets, partition p0).
-- add_partitions
-- not supported: The mssql provider has no partitions in a table's definition (table tags).
-- drop_partitions
-- not supported: The mssql provider has no partitions in a table's definition (table tags).
-- reorganize_partitions
-- not supported: The mssql provider has no partitions in a table's definition (table logs).
-- partition_table
-- not supported: The mssql provider cannot repartition a table (table logs).
-- remove_partitioning
-- not supported: The mssql provider cannot repartition a table (table logs).
