using Synclets;

namespace Snippets;

internal static class Hooks
{
    public static async Task RunAsync(SyncletComponents components, Atom myToken)
    {
        #region readme: hooks
        var hooks = new SyncletHooks
        {
            GetSendContext = (_, _) => ValueTask.FromResult<IReadOnlyDictionary<string, Atom>>(
                new Dictionary<string, Atom> { ["token"] = myToken }),
            CanReceiveMessage = (context, _) => ValueTask.FromResult(IsValid(context)),
            CanWriteAtom = (address, atom, context, _) => ValueTask.FromResult(address[0] != "readonly"),
            FilterChildIds = (address, ids, context, _) => ValueTask.FromResult(VisibleTo(context, ids)),
        };
        await using var server = await Synclet.CreateAsync(components, hooks);
        #endregion
    }

    private static bool IsValid(IReadOnlyDictionary<string, Atom> context) => context.ContainsKey("token");

    private static IReadOnlyList<string> VisibleTo(IReadOnlyDictionary<string, Atom> context, IReadOnlyList<string> ids) => ids;
}
