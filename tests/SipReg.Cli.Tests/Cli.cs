using System.Text;

namespace SipReg.Cli.Tests;

/// <summary>Runs <c>sipreg</c> in-process with captured standard streams, stdout as bytes.</summary>
internal static class CliBytes
{
    public static async Task<(int ExitCode, byte[] Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var console = new CliConsole
        {
            OpenStandardInput = () => new MemoryStream(),
            OpenStandardOutput = () => new Cli.NonClosingStream(stdout),
            Error = stderr,
        };
        var exit = await Program.RunAsync(args, console);
        return (exit, stdout.ToArray(), stderr.ToString());
    }
}

/// <summary>Runs <c>sipreg</c> in-process with captured standard streams.</summary>
internal static class Cli
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => await RunAsync(null, args);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(byte[]? stdin, params string[] args)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var console = new CliConsole
        {
            OpenStandardInput = () => new MemoryStream(stdin ?? []),
            OpenStandardOutput = () => new NonClosingStream(stdout),
            Error = stderr,
            ErrorIsTerminal = false,
            UseColor = false,
        };
        var exit = await Program.RunAsync(args, console);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    /// <summary>Keeps the captured stdout readable after a command disposes its output stream.</summary>
    internal sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }
}
