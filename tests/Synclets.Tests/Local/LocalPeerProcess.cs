using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Threading.Channels;

namespace Synclets.Tests.Local;

/// <summary>
/// A child process on a local channel (the LocalPeer program), driven a command at a time; it can
/// be killed with SIGKILL at any moment.
/// </summary>
internal sealed class LocalPeerProcess : IAsyncDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly Channel<string> _answers = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _commands = new(1, 1);
    private volatile string _role = "offline";

    private LocalPeerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                _answers.Writer.TryComplete();
            }
            else if (text.StartsWith("event role ", StringComparison.Ordinal))
            {
                _role = text["event role ".Length..];
            }
            else
            {
                _answers.Writer.TryWrite(text);
            }
        };
        process.BeginOutputReadLine();
    }

    /// <summary>The name of the table this peer writes into.</summary>
    public string Name { get; }

    /// <summary>The role the peer last reported: hub, member or offline.</summary>
    public string Role => _role;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a peer holding data on <paramref name="channel"/>.</summary>
    public static async Task<LocalPeerProcess> StartPeerAsync(string directory, string channel, string name, string format = "msgpack")
    {
        var peer = Start(directory, format, name);
        await peer.AskAsync($"peer {channel} {name}");
        return peer;
    }

    /// <summary>Starts a process that joins channels with synclets holding nothing (so it can be their hub).</summary>
    public static LocalPeerProcess StartRelay(string directory, string format) => Start(directory, format, "relay");

    /// <summary>Sends a command and returns what follows "ok " in its answer.</summary>
    public async Task<string> AskAsync(string command)
    {
        await _commands.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(AnswerTimeout);
            string answer;
            try
            {
                answer = await _answers.Reader.ReadAsync(timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
            {
                throw new InvalidOperationException($"peer {Name} gave no answer to '{command}': {await ErrorsAsync()}");
            }

            Assert.True(answer.StartsWith("ok", StringComparison.Ordinal), $"peer {Name} answered '{command}' with: {answer}");
            return answer.Length > 3 ? answer[3..] : "";
        }
        finally
        {
            _commands.Release();
        }
    }

    public async Task<int> AskNumberAsync(string command) => int.Parse(await AskAsync(command), CultureInfo.InvariantCulture);

    /// <summary>Kills the process at once, as SIGKILL does: no clean-up of any kind runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private static LocalPeerProcess Start(string directory, string format, string name)
    {
        var program = typeof(LocalPeerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "LocalPeer").Value!;
        Assert.True(File.Exists(program), $"the local peer is not built at {program}");
        var process = Process.Start(new ProcessStartInfo("dotnet", [program, directory, format])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        return new LocalPeerProcess(process, name);
    }

    private async Task<string> ErrorsAsync()
    {
        if (!_process.HasExited)
        {
            return "(still running)";
        }

        return await _process.StandardError.ReadToEndAsync();
    }
}
