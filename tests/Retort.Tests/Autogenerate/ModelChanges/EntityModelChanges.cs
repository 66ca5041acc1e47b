using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Retort.Schema;

// The model changes that entity-class attributes can express, as a developer edits the classes: namespace A is
// before, namespace B after (EntitiesShared: in both); each class is its own table (x_…), the same name in both.
#pragma warning disable CA1050

namespace Retort.Tests.Autogenerate.ModelChanges.EntitiesA
{
    [Table("x_columns")]
    public class Columns
    {
        public int Id { get; set; }
        public int Dropped { get; set; }
        public int Widened { get; set; }
        [MaxLength(20)] public string? Name { get; set; }
        [Precision(10, 2)] public decimal Price { get; set; }
        public int? Required { get; set; }
        public int Defaulted { get; set; }
        public int Commented { get; set; }
    }

    [Table("x_identity")]
    public class Identity
    {
        [DatabaseGenerated(DatabaseGeneratedOption.None)] public int Id { get; set; }
    }

    [Table("x_indexes")]
    [Index(nameof(A), Name = "ix_x_unique")]
    [Index(nameof(A), Name = "ix_x_columns")]
    [Index(nameof(B), Name = "ix_x_order")]
    public class Indexes
    {
        public int Id { get; set; }
        public int A { get; set; }
        public int B { get; set; }
    }

    [Table("x_partial")]
    [Index(nameof(A), Name = "ix_x_where", Where = "a > 0")]
    public class Partial
    {
        public int Id { get; set; }
        public int A { get; set; }
    }

    [Table("x_parent")]
    public class Parent
    {
        public int Id { get; set; }
    }

    [Table("x_constraints")]
    [Unique(nameof(A))]
    [Check("ck_x_positive", "a > 0")]
    public class Constraints
    {
        public int Id { get; set; }
        public int A { get; set; }
        public int B { get; set; }
        [References("x_parent")] public int ParentId { get; set; }
    }

    [Table("x_keys")]
    public class Keys
    {
        [Key] public int A { get; set; }
        public int B { get; set; }
    }

    [Table("x_comment")]
    public class Commented
    {
        public int Id { get; set; }
    }
}

namespace Retort.Tests.Autogenerate.ModelChanges.EntitiesB
{
    [Table("x_columns")]
    public class Columns
    {
        public int Id { get; set; }
        public long Widened { get; set; }
        [MaxLength(40)] public string? Name { get; set; }
        [Precision(12, 3)] public decimal Price { get; set; }
        [Required] public int? Required { get; set; }
        [Default("7")] public int Defaulted { get; set; }
        [Comment("counted")] public int Commented { get; set; }
        public int Added { get; set; }
    }

    [Table("x_identity")]
    public class Identity
    {
        public int Id { get; set; }
    }

    [Table("x_indexes")]
    [Index(nameof(A), Name = "ix_x_unique", IsUnique = true)]
    [Index(nameof(A), nameof(B), Name = "ix_x_columns")]
    [Index(nameof(B), Name = "ix_x_order", IsDescending = [true])]
    public class Indexes
    {
        public int Id { get; set; }
        public int A { get; set; }
        public int B { get; set; }
    }

    [Table("x_partial")]
    [Index(nameof(A), Name = "ix_x_where", Where = "a > 5")]
    public class Partial
    {
        public int Id { get; set; }
        public int A { get; set; }
    }

    [Table("x_parent")]
    public class Parent
    {
        public int Id { get; set; }
    }

    [Table("x_constraints")]
    [Unique(nameof(A), nameof(B))]
    [Check("ck_x_positive", "a > 5")]
    public class Constraints
    {
        public int Id { get; set; }
        public int A { get; set; }
        public int B { get; set; }
        [References("x_parent", OnDelete = ReferentialAction.Cascade)] public int ParentId { get; set; }
    }

    [Table("x_keys")]
    public class Keys
    {
        [Key] public int A { get; set; }
        [Key] public int B { get; set; }
    }

    [Table("x_comment")]
    [Comment("now described")]
    public class Commented
    {
        public int Id { get; set; }
    }
}

namespace Retort.Tests.Autogenerate.ModelChanges.EntitiesShared
{
    // A control: part of both models, unchanged.
    [Table("x_same")]
    [Index(nameof(A), Name = "ix_x_same_desc", IsDescending = [true])]
    [Check("ck_x_same", "a >= 0 AND a < 100")]
    [Comment("a table that does not change")]
    public class Same
    {
        public int Id { get; set; }
        [Default("-1")] public int A { get; set; }
        [Default("CURRENT_TIMESTAMP")] public DateTime Created { get; set; }
        [Default("'x'"), MaxLength(10)] public string? Code { get; set; }
    }
}
