using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeFactory.Mqtt.Native;

/// <summary>
/// The static functions libmosquitto calls. Each recovers its listener from the GCHandle passed as
/// <c>obj</c> and never lets an exception cross back into C, where it would tear the process down.
/// </summary>
internal static unsafe class MosquittoCallbacks
{
    public static void Register(MosquittoHandle handle)
    {
        Libmosquitto.ConnectV5CallbackSet(handle, &OnConnect);
        Libmosquitto.DisconnectV5CallbackSet(handle, &OnDisconnect);
        Libmosquitto.PublishV5CallbackSet(handle, &OnPublish);
        Libmosquitto.MessageV5CallbackSet(handle, &OnMessage);
        Libmosquitto.SubscribeV5CallbackSet(handle, &OnSubscribe);
        Libmosquitto.UnsubscribeV5CallbackSet(handle, &OnUnsubscribe);
        Libmosquitto.LogCallbackSet(handle, &OnLog);
    }

    /// <summary>Sets or clears the log callback alone; the other callbacks stay.</summary>
    public static void Log(MosquittoHandle handle, bool enabled) =>
        Libmosquitto.LogCallbackSet(handle, enabled ? &OnLog : null);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnConnect(nint mosq, nint obj, int rc, int flags, nint properties) =>
        Dispatch(obj, rc, static (l, rc) => l.OnConnect(rc));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDisconnect(nint mosq, nint obj, int rc, nint properties) =>
        Dispatch(obj, rc, static (l, rc) => l.OnDisconnect(rc));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnPublish(nint mosq, nint obj, int mid, int reasonCode, nint properties) =>
        Dispatch(obj, (mid, reasonCode), static (l, a) => l.OnPublish(a.mid, a.reasonCode));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(nint mosq, nint obj, MosquittoMessage* message, nint properties)
    {
        try
        {
            if (Listener(obj) is { } listener)
            {
                listener.OnMessage(MosquittoMarshal.ReadMessage(message, properties, listener.MessagePool));
            }
        }
        catch (Exception e)
        {
            Report(obj, e);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnSubscribe(nint mosq, nint obj, int mid, int qosCount, int* grantedQos, nint properties)
    {
        // One filter per SUBSCRIBE, so the first grant is the answer: 0-2 granted QoS, >= 0x80 refused.
        var granted = qosCount > 0 ? grantedQos[0] : 0x80;
        Dispatch(obj, (mid, granted), static (l, a) => l.OnSubscribe(a.mid, a.granted));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnUnsubscribe(nint mosq, nint obj, int mid, nint properties) =>
        Dispatch(obj, mid, static (l, mid) => l.OnUnsubscribe(mid));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(nint mosq, nint obj, int level, byte* text)
    {
        try
        {
            // libmosquitto logs every packet at debug level on the publishing thread: only make a string when wanted.
            if (Listener(obj) is { } listener && listener.WantsLog(level))
            {
                listener.OnLog(level, Marshal.PtrToStringUTF8((nint)text) ?? string.Empty);
            }
        }
        catch (Exception e)
        {
            Report(obj, e);
        }
    }

    private static void Dispatch<TState>(nint obj, TState state, Action<IMosquittoListener, TState> action)
    {
        try
        {
            if (Listener(obj) is { } listener)
            {
                action(listener, state);
            }
        }
        catch (Exception e)
        {
            Report(obj, e);
        }
    }

    private static IMosquittoListener? Listener(nint obj) =>
        obj == nint.Zero ? null : GCHandle.FromIntPtr(obj).Target as IMosquittoListener;

    private static void Report(nint obj, Exception e)
    {
        try
        {
            Listener(obj)?.OnLog(MosquittoLogLevel.Error, $"callback failed: {e}");
        }
        catch (Exception)
        {
            // Nothing more can be done on a native thread without risking the process.
        }
    }
}
