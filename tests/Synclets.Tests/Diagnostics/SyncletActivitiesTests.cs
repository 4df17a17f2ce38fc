using System.Collections.Concurrent;
using System.Diagnostics;
using Synclets.Connectors.Memory;
using Synclets.Conformance.Support;
using Synclets.Diagnostics;
using Synclets.Transports.Memory;

namespace Synclets.Tests.Diagnostics;

/// <summary>The "Synclets" activity source: a span per sync round and per received message applied.</summary>
public sealed class SyncletActivitiesTests : IDisposable
{
    private readonly string _name = "trace-test-" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SyncletActivitiesTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SyncletDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem(SyncletDiagnostics.NameTag) is string name && name.StartsWith(_name, StringComparison.Ordinal))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task A_sync_round_and_each_applied_message_are_spans_tagged_with_the_synclets_name()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var writer = await StartAsync("writer", pool, _name + "-writer");
        await using var reader = await StartAsync("reader", pool, _name + "-reader");

        await writer.SetAtomAsync(new Address("a"), 1);
        await Eventually.UntilAsync(async () => await reader.GetAtomAsync(new Address("a")) == 1, "the reader has the write");
        await Eventually.UntilAsync(
            () => Task.FromResult(_stopped.Any(activity => activity.OperationName == "synclets.message.apply" && Equals(activity.GetTagItem(SyncletDiagnostics.NameTag), _name + "-reader") && (int)activity.GetTagItem("synclets.message.leaves")! == 1)),
            "the reader's apply of the write is a span");

        Assert.Contains(_stopped, activity => activity.OperationName == "synclets.sync" && Equals(activity.GetTagItem(SyncletDiagnostics.NameTag), _name + "-writer"));
        Assert.All(_stopped, activity => Assert.NotEqual(ActivityStatusCode.Error, activity.Status));
    }

    [Fact]
    public async Task A_peers_span_of_a_message_continues_the_trace_of_the_span_that_sent_it()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var first = await StartAsync("first", pool, _name + "-first");
        await using var second = await StartAsync("second", pool, _name + "-second");

        var sync = await second.SyncAsync();

        Assert.True(sync.IsComplete, sync.ToString());

        // The second's sync → the first's span answering it → the second's span applying that answer: one trace.
        bool Chained(Activity round) =>
            _stopped.Any(answering => answering.ParentSpanId == round.SpanId && answering.TraceId == round.TraceId
                && Equals(answering.GetTagItem(SyncletDiagnostics.NameTag), _name + "-first") && answering.OperationName == "synclets.message.apply"
                && _stopped.Any(applying => applying.ParentSpanId == answering.SpanId && Equals(applying.GetTagItem(SyncletDiagnostics.NameTag), _name + "-second")));
        await Eventually.UntilAsync(
            () => Task.FromResult(_stopped.Count(activity => activity.OperationName == "synclets.sync" && Equals(activity.GetTagItem(SyncletDiagnostics.NameTag), _name + "-second") && Chained(activity)) == 2),
            "both of the second's syncs (its start and the one asked for) are traced through the first and back");
    }

    [Fact]
    public async Task A_message_a_hook_refuses_is_a_span_with_an_error()
    {
        var pool = Guid.NewGuid().ToString("N");
        await using var writer = await StartAsync("writer", pool, _name + "-writer");
        await using var refuser = await StartAsync("refuser", pool, _name + "-refuser", new SyncletHooks { CanReceiveMessage = (_, _) => ValueTask.FromResult(false) });

        await writer.SetAtomAsync(new Address("a"), 1);

        await Eventually.UntilAsync(
            () => Task.FromResult(_stopped.Any(activity => Equals(activity.GetTagItem(SyncletDiagnostics.NameTag), _name + "-refuser") && activity.Status == ActivityStatusCode.Error)),
            "the refused message is a span with an error");
    }

    public void Dispose() => _listener.Dispose();

    private static async Task<Synclet> StartAsync(string id, string pool, string name, SyncletHooks? hooks = null)
    {
        var synclet = await Synclet.CreateAsync(
            new SyncletComponents(new MemoryDataConnector(1), new MemoryMetaConnector(1), new MemoryTransport(pool)),
            hooks,
            new SyncletOptions { Id = id, Name = name });
        await synclet.StartAsync();
        return synclet;
    }
}
