-- create_table
CREATE TABLE `orders` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` BIGINT NOT NULL COMMENT 'who ordered',
    `status` ENUM('new', 'paid') DEFAULT 'new',
    `total` NUMERIC(10, 2),
    `placed_at` DATETIME,
    `ref` CHAR(36),
    `data` JSON,
    `flag` BOOL DEFAULT 1,
    CONSTRAINT `pk_orders` PRIMARY KEY (`id`),
    CONSTRAINT `uq_orders_user_id_ref` UNIQUE (`user_id`, `ref`),
    CONSTRAINT `ck_orders_1` CHECK (total >= 0),
    CONSTRAINT `fk_orders_user_id_users` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT
) COMMENT='customer orders';
-- composite_pk
CREATE TABLE `app`.`tags` (
    `a` VARCHAR(10),
    `b` SMALLINT,
    CONSTRAINT `pk_ab` PRIMARY KEY (`a`, `b`)
);
-- drop_table
DROP TABLE `orders`;
-- rename_table
RENAME TABLE `orders` TO `purchases`;
-- add_column
ALTER TABLE `users` ADD COLUMN `phone` VARCHAR(20) NOT NULL DEFAULT '';
-- drop_column
ALTER TABLE `users` DROP COLUMN `phone`;
-- alter_type
ALTER TABLE `users` MODIFY `name` TEXT NOT NULL;
-- alter_nullable
ALTER TABLE `users` MODIFY `name` VARCHAR(50) NULL;
-- alter_default
ALTER TABLE `users` ALTER COLUMN `name` SET DEFAULT 'x';
-- drop_default
ALTER TABLE `users` ALTER COLUMN `name` DROP DEFAULT;
-- rename_column
ALTER TABLE `users` CHANGE `name` `full_name` VARCHAR(50) NOT NULL;
-- column_comment
ALTER TABLE `users` MODIFY `name` VARCHAR(50) NULL COMMENT 'it''s the name';
-- create_index
CREATE INDEX `ix_users_name` ON `users` (`name`, `email`);
-- create_unique_index
CREATE UNIQUE INDEX `ix_users_email` ON `users` (`email`);
-- partial_index
-- not supported: MySQL has no partial indexes (index ix_users_active WHERE active).
-- concurrent_index
CREATE INDEX `ix_users_c` ON `users` (`name`);
-- drop_index
DROP INDEX `ix_users_name` ON `users`;
-- create_table_if_not_exists
CREATE TABLE IF NOT EXISTS `audit` (
    `id` INTEGER NOT NULL,
    `at` DATETIME,
    CONSTRAINT `pk_audit` PRIMARY KEY (`id`),
    KEY `ix_audit_at` (`at`)
);
-- drop_table_if_exists
DROP TABLE IF EXISTS `audit`;
-- create_index_if_not_exists
CREATE INDEX IF NOT EXISTS `ix_users_name` ON `users` (`name`);
-- drop_index_if_exists
DROP INDEX IF EXISTS `ix_users_name` ON `users`;
-- create_pk
ALTER TABLE `users` ADD CONSTRAINT `pk_users` PRIMARY KEY (`id`);
-- create_unique
ALTER TABLE `users` ADD CONSTRAINT `uq_users_email` UNIQUE (`email`);
-- create_fk
ALTER TABLE `orders` ADD CONSTRAINT `fk_orders_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL;
-- create_check
ALTER TABLE `users` ADD CONSTRAINT `ck_users_age` CHECK (age > 0);
-- create_fk_not_valid
ALTER TABLE `orders` ADD CONSTRAINT `fk_orders_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`);
-- create_check_not_valid
ALTER TABLE `users` ADD CONSTRAINT `ck_users_age` CHECK (age > 0);
-- validate_constraint
-- unvalidate_check
ALTER TABLE `users` DROP CONSTRAINT `ck_users_age`;
ALTER TABLE `users` ADD CONSTRAINT `ck_users_age` CHECK (age > 0);
-- unvalidate_fk
ALTER TABLE `orders` DROP FOREIGN KEY `fk_orders_user`;
DROP INDEX IF EXISTS `fk_orders_user` ON `orders`;
ALTER TABLE `orders` ADD CONSTRAINT `fk_orders_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`);
-- index_comment
-- not supported: mysql cannot change the comment of the index ix_users_name alone: drop and create the index with its comment.
-- drop_index_comment
-- not supported: mysql cannot change the comment of the index ix_users_name alone: drop and create the index with its comment.
-- create_unique_concurrently
ALTER TABLE `users` ADD CONSTRAINT `uq_users_email` UNIQUE (`email`);
-- drop_pk
ALTER TABLE `users` DROP PRIMARY KEY;
-- drop_unique
ALTER TABLE `users` DROP INDEX `uq_users_email`;
-- drop_fk
ALTER TABLE `orders` DROP FOREIGN KEY `fk_orders_user`;
DROP INDEX IF EXISTS `fk_orders_user` ON `orders`;
-- drop_check
ALTER TABLE `users` DROP CONSTRAINT `ck_users_age`;
-- table_comment
ALTER TABLE `users` COMMENT = 'people';
-- drop_table_comment
ALTER TABLE `users` COMMENT = '';
-- execute
UPDATE users SET name = 'O''Neil' WHERE id = 7;
-- bulk_insert
INSERT INTO `roles` (`id`, `name`, `active`) VALUES (1, 'admin', TRUE), (2, NULL, FALSE);
-- insert_data
INSERT INTO `auth`.`roles` (`id`, `name`, `active`) VALUES (1, 'admin', TRUE), (2, 'O''Neil', FALSE);
-- delete_data
DELETE FROM `roles` WHERE `id` = 1 AND `tenant` = 7;
DELETE FROM `roles` WHERE `id` = 2 AND `tenant` = 7;
-- update_data
UPDATE `roles` SET `name` = 'owner', `active` = FALSE WHERE `id` = 1;
-- create_schema
CREATE SCHEMA `audit`;
-- drop_schema
DROP SCHEMA `audit`;
-- custom_type
ALTER TABLE `users` ADD COLUMN `tags` TEXT;
-- create_partitioned_table
CREATE TABLE `logs` (
    `id` INTEGER NOT NULL,
    `y` INTEGER NOT NULL
)
PARTITION BY RANGE (y)
(PARTITION `p0` VALUES LESS THAN (2000),
 PARTITION `p1` VALUES LESS THAN MAXVALUE);
-- create_hash_partitioned_table
CREATE TABLE `buckets` (
    `id` INTEGER NOT NULL
)
PARTITION BY KEY (id) PARTITIONS 3;
-- add_partitions
ALTER TABLE `tags` ADD PARTITION (PARTITION `b` VALUES IN (3));
-- drop_partitions
ALTER TABLE `tags` DROP PARTITION `b`;
-- reorganize_partitions
ALTER TABLE `logs` REORGANIZE PARTITION `p1` INTO (PARTITION `p1` VALUES LESS THAN (2010),
 PARTITION `p2` VALUES LESS THAN MAXVALUE);
-- partition_table
ALTER TABLE `logs` PARTITION BY HASH (id) PARTITIONS 2;
-- remove_partitioning
ALTER TABLE `logs` REMOVE PARTITIONING;
