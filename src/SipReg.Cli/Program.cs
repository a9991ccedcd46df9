using System.Reflection;

namespace SipReg.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["--version"])
        {
            var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            Console.Out.WriteLine("sipreg " + version.Split('+')[0]);
            return 0;
        }

        Console.Error.WriteLine("sipreg: usage: sipreg <command> [options] (commands are being built)");
        return 2;
    }
}
