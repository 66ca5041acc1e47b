-- create_table
CREATE TABLE "orders" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" BIGINT NOT NULL,
    "status" VARCHAR(4) DEFAULT 'new',
    "total" NUMERIC(10, 2),
    "placed_at" DATETIME,
    "ref" CHAR(32),
    "data" JSON,
    "flag" BOOLEAN DEFAULT 1,
    CONSTRAINT "uq_orders_user_id_ref" UNIQUE ("user_id", "ref"),
    CONSTRAINT "ck_orders_1" CHECK (total >= 0),
    CONSTRAINT "ck_orders_status" CHECK ("status" IN ('new', 'paid')),
    CONSTRAINT "fk_orders_user_id_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE RESTRICT
);
-- composite_pk
CREATE TABLE "app"."tags" (
    "a" VARCHAR(10),
    "b" SMALLINT,
    CONSTRAINT "pk_ab" PRIMARY KEY ("a", "b")
);
-- drop_table
DROP TABLE "orders";
-- rename_table
ALTER TABLE "orders" RENAME TO "purchases";
-- add_column
ALTER TABLE "users" ADD COLUMN "phone" VARCHAR(20) DEFAULT '' NOT NULL;
-- drop_column
ALTER TABLE "users" DROP COLUMN "phone";
-- alter_type
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- alter_nullable
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- alter_default
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- drop_default
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- rename_column
ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";
-- column_comment
-- create_index
CREATE INDEX "ix_users_name" ON "users" ("name", "email");
-- create_unique_index
CREATE UNIQUE INDEX "ix_users_email" ON "users" ("email");
-- partial_index
CREATE INDEX "ix_users_active" ON "users" ("name") WHERE active;
-- concurrent_index
CREATE INDEX "ix_users_c" ON "users" ("name");
-- drop_index
DROP INDEX "ix_users_name";
-- create_table_if_not_exists
CREATE TABLE IF NOT EXISTS "audit" (
    "id" INTEGER NOT NULL,
    "at" DATETIME,
    CONSTRAINT "pk_audit" PRIMARY KEY ("id")
);
CREATE INDEX IF NOT EXISTS "ix_audit_at" ON "audit" ("at");
-- drop_table_if_exists
DROP TABLE IF EXISTS "audit";
-- create_index_if_not_exists
CREATE INDEX IF NOT EXISTS "ix_users_name" ON "users" ("name");
-- drop_index_if_exists
DROP INDEX IF EXISTS "ix_users_name";
-- create_pk
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- create_unique
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- create_fk
-- not supported: SQLite cannot make this change to table orders with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("orders", …, copyFrom: <the table as it is>).
-- create_check
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- create_fk_not_valid
-- not supported: SQLite cannot make this change to table orders with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("orders", …, copyFrom: <the table as it is>).
-- create_check_not_valid
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- validate_constraint
-- unvalidate_check
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- unvalidate_fk
-- not supported: SQLite cannot make this change to table orders with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("orders", …, copyFrom: <the table as it is>).
-- index_comment
-- not supported: sqlite cannot change the comment of the index ix_users_name alone: drop and create the index with its comment.
-- drop_index_comment
-- not supported: sqlite cannot change the comment of the index ix_users_name alone: drop and create the index with its comment.
-- create_unique_concurrently
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- drop_pk
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- drop_unique
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- drop_fk
-- not supported: SQLite cannot make this change to table orders with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("orders", …, copyFrom: <the table as it is>).
-- drop_check
-- not supported: SQLite cannot make this change to table users with ALTER TABLE; Retort rebuilds the table, which needs its definition: run online, or offline use op.BatchAlterTable("users", …, copyFrom: <the table as it is>).
-- table_comment
-- drop_table_comment
-- execute
UPDATE users SET name = 'O''Neil' WHERE id = 7;
-- bulk_insert
INSERT INTO "roles" ("id", "name", "active") VALUES (1, 'admin', 1), (2, NULL, 0);
-- insert_data
INSERT INTO "auth"."roles" ("id", "name", "active") VALUES (1, 'admin', 1), (2, 'O''Neil', 0);
-- delete_data
DELETE FROM "roles" WHERE "id" = 1 AND "tenant" = 7;
DELETE FROM "roles" WHERE "id" = 2 AND "tenant" = 7;
-- update_data
UPDATE "roles" SET "name" = 'owner', "active" = 0 WHERE "id" = 1;
-- create_schema
CREATE SCHEMA "audit";
-- drop_schema
DROP SCHEMA "audit";
-- custom_type
ALTER TABLE "users" ADD COLUMN "tags" TEXT;
-- create_partitioned_table
-- not supported: The sqlite provider has no partitions (table logs, partition p0).
-- create_hash_partitioned_table
-- not supported: The sqlite provider has no partitions (table buckets, partition p0).
-- add_partitions
-- not supported: The sqlite provider has no partitions in a table's definition (table tags).
-- drop_partitions
-- not supported: The sqlite provider has no partitions in a table's definition (table tags).
-- reorganize_partitions
-- not supported: The sqlite provider has no partitions in a table's definition (table logs).
-- partition_table
-- not supported: The sqlite provider cannot repartition a table (table logs).
-- remove_partitioning
-- not supported: The sqlite provider cannot repartition a table (table logs).
