// The migration environment, Retort's env.py: compiled with the revisions and run before every command that
// touches the database. Change the configuration here, e.g. from `retort -x key=value` arguments.
using Retort;

public sealed class Env : MigrationEnvironment
{
    public override void Configure(EnvironmentContext context)
    {
        // A database URL given on the command line wins: retort -x url=sqlite:///other.db upgrade head
        if (context.XArgs.TryGetValue("url", out var url))
            context.Url = url;

        // The model autogenerate compares with the database (see the README), e.g.:
        // context.TargetModel = typeof(MyApp.Models.User).Assembly;
    }
}
