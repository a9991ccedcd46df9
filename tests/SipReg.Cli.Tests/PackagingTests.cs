using System.Diagnostics;
using SipReg.Testing;

namespace SipReg.Cli.Tests;

/// <summary>
/// The packages as users get them: the five packages are packed from this build into a local folder feed, a small
/// consumer app restores them from that feed alone (no project references, its own empty package cache), parses a
/// capture and prints a finding through the public API; the tool installs from the same feed and answers --version.
/// </summary>
public sealed class PackagingTests
{
    private static readonly string[] s_packable = ["SipReg.Pcap", "SipReg.Sip", "SipReg.Dns", "SipReg.Analysis", "SipReg.Cli"];

    [Fact]
    public async Task Packed_packages_restore_from_a_folder_feed_and_work_in_a_consumer_app_and_as_a_tool()
    {
        var work = Directory.CreateTempSubdirectory("sipreg-packaging-");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            var packages = Path.Combine(work.FullName, "packages");
            foreach (var project in s_packable)
            {
                var csproj = Path.Combine(Corpus.RepositoryRoot, "src", project, project + ".csproj");
                await RunAsync(Corpus.RepositoryRoot, null, "dotnet", "pack", csproj, "-c", "Release", "--no-build", "-o", feed);
            }

            var version = Program.Version;
            foreach (var project in s_packable)
            {
                Assert.True(File.Exists(Path.Combine(feed, $"{project}.{version}.nupkg")), project + " was not packed");
                Assert.True(File.Exists(Path.Combine(feed, $"{project}.{version}.snupkg")), project + " has no symbol package");
            }

            // Only the local feed: the packages must carry everything the consumer needs.
            var config = Path.Combine(work.FullName, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
                </configuration>
                """);
            var consumer = Directory.CreateDirectory(Path.Combine(work.FullName, "consumer")).FullName;
            await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <RestoreConfigFile>{config}</RestoreConfigFile>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="SipReg.Analysis" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
                using SipReg.Analysis.Pipeline;

                var analysis = await CaptureAnalyzer.AnalyzeFileAsync(args[0]);
                Console.WriteLine("status " + analysis.Report.StatusName);
                foreach (var finding in analysis.Report.Findings)
                {
                    Console.WriteLine("finding " + finding.Rule + ": " + finding.Title);
                }
                """);

            var output = await RunAsync(consumer, packages, "dotnet", "run", "-c", "Release", "--", Corpus.PathOf("live/05_final_403.pcap"));
            Assert.Contains("status failed", output, StringComparison.Ordinal);
            Assert.Contains("finding final-failure: ", output, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Combine(packages, "sipreg.analysis", version)), "restored from somewhere else than the feed");

            var tools = Path.Combine(work.FullName, "tools");
            await RunAsync(work.FullName, packages, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", feed, "--configfile", config, "SipReg.Cli", "--version", version);
            var sipreg = await RunAsync(work.FullName, null, Path.Combine(tools, "sipreg"), "--version");
            Assert.Equal("sipreg " + version, sipreg.Trim());
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string directory, string? packages, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // An empty package cache of the test's own (when given), so a package can only come from the feed.
        if (packages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packages;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({process.ExitCode}):\n{text}\n{await stderr}");
        return text;
    }
}
