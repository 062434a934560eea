using System.Runtime.InteropServices;

namespace EdgeFactory.Mqtt.Native;

/// <summary>Entry points of libmosquitto (Debian <c>libmosquitto1</c>, 2.0.x) used by the client, in <c>mosquitto.h</c>'s order.</summary>
/// <remarks>libmosquitto exports each function by name, so each is its own LibraryImport; pointers never leave this folder.</remarks>
internal static unsafe partial class Libmosquitto
{
    public const string LibraryName = "libmosquitto.so.1";

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_lib_version")]
    public static partial int LibVersion(out int major, out int minor, out int revision);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_lib_init")]
    public static partial int LibInit();

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint New(string? id, [MarshalAs(UnmanagedType.U1)] bool cleanSession, nint userData);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_destroy")]
    public static partial void Destroy(nint mosq);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_will_set_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WillSetV5(MosquittoHandle mosq, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain, nint properties);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_username_pw_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UsernamePasswordSet(MosquittoHandle mosq, string? username, string? password);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_connect_bind_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConnectBindV5(MosquittoHandle mosq, string host, int port, int keepAlive, string? bindAddress, nint properties);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_disconnect_v5")]
    public static partial int DisconnectV5(MosquittoHandle mosq, int reasonCode, nint properties);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_publish_v5")]
    public static partial int PublishV5(MosquittoHandle mosq, out int mid, byte* topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain, nint properties);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_subscribe_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SubscribeV5(MosquittoHandle mosq, out int mid, string filter, int qos, int options, nint properties);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_unsubscribe_v5", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnsubscribeV5(MosquittoHandle mosq, out int mid, string filter, nint properties);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_loop_start")]
    public static partial int LoopStart(MosquittoHandle mosq);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_loop_stop")]
    public static partial int LoopStop(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool force);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_int_option")]
    public static partial int IntOption(MosquittoHandle mosq, int option, int value);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_reconnect_delay_set")]
    public static partial int ReconnectDelaySet(MosquittoHandle mosq, uint delay, uint delayMax, [MarshalAs(UnmanagedType.U1)] bool exponentialBackoff);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_max_inflight_messages_set")]
    public static partial int MaxInflightMessagesSet(MosquittoHandle mosq, uint maxInflight);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_tls_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TlsSet(MosquittoHandle mosq, string? caFile, string? caPath, string? certFile, string? keyFile, nint passwordCallback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_tls_insecure_set")]
    public static partial int TlsInsecureSet(MosquittoHandle mosq, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_tls_opts_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TlsOptsSet(MosquittoHandle mosq, int certRequirements, string? tlsVersion, string? ciphers);

    // void (*)(struct mosquitto *, void *obj, int rc, int flags, const mosquitto_property *props)
    [LibraryImport(LibraryName, EntryPoint = "mosquitto_connect_v5_callback_set")]
    public static partial void ConnectV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, int, nint, void> callback);

    // void (*)(struct mosquitto *, void *obj, int rc, const mosquitto_property *props)
    [LibraryImport(LibraryName, EntryPoint = "mosquitto_disconnect_v5_callback_set")]
    public static partial void DisconnectV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, nint, void> callback);

    // void (*)(struct mosquitto *, void *obj, int mid, int reason_code, const mosquitto_property *props)
    [LibraryImport(LibraryName, EntryPoint = "mosquitto_publish_v5_callback_set")]
    public static partial void PublishV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, int, nint, void> callback);

    // void (*)(struct mosquitto *, void *obj, const struct mosquitto_message *, const mosquitto_property *props)
    [LibraryImport(LibraryName, EntryPoint = "mosquitto_message_v5_callback_set")]
    public static partial void MessageV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, MosquittoMessage*, nint, void> callback);

    // void (*)(struct mosquitto *, void *obj, int mid, int qos_count, const int *granted_qos, const mosquitto_property *props)
    [LibraryImport(LibraryName, EntryPoint = "mosquitto_subscribe_v5_callback_set")]
    public static partial void SubscribeV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, int, int*, nint, void> callback);

    // void (*)(struct mosquitto *, void *obj, int mid, const mosquitto_property *props)
    [LibraryImport(LibraryName, EntryPoint = "mosquitto_unsubscribe_v5_callback_set")]
    public static partial void UnsubscribeV5CallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, nint, void> callback);

    // void (*)(struct mosquitto *, void *obj, int level, const char *str)
    [LibraryImport(LibraryName, EntryPoint = "mosquitto_log_callback_set")]
    public static partial void LogCallbackSet(MosquittoHandle mosq, delegate* unmanaged[Cdecl]<nint, nint, int, byte*, void> callback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_strerror")]
    public static partial byte* StrError(int error);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_reason_string")]
    public static partial byte* ReasonString(int reasonCode);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_pub_topic_check2")]
    public static partial int PubTopicCheck2(byte* topic, nuint length);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_sub_topic_check2")]
    public static partial int SubTopicCheck2(byte* topic, nuint length);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_add_byte")]
    public static partial int PropertyAddByte(ref nint properties, int identifier, byte value);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_add_int32")]
    public static partial int PropertyAddInt32(ref nint properties, int identifier, uint value);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_add_binary")]
    public static partial int PropertyAddBinary(ref nint properties, int identifier, byte* value, ushort length);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_add_string")]
    public static partial int PropertyAddString(ref nint properties, int identifier, byte* value);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_add_string_pair")]
    public static partial int PropertyAddStringPair(ref nint properties, int identifier, byte* name, byte* value);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_identifier")]
    public static partial int PropertyIdentifier(nint property);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_next")]
    public static partial nint PropertyNext(nint property);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_read_byte")]
    public static partial nint PropertyReadByte(nint properties, int identifier, out byte value, [MarshalAs(UnmanagedType.U1)] bool skipFirst);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_read_int32")]
    public static partial nint PropertyReadInt32(nint properties, int identifier, out uint value, [MarshalAs(UnmanagedType.U1)] bool skipFirst);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_read_binary")]
    public static partial nint PropertyReadBinary(nint properties, int identifier, out nint value, out ushort length, [MarshalAs(UnmanagedType.U1)] bool skipFirst);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_read_string")]
    public static partial nint PropertyReadString(nint properties, int identifier, out nint value, [MarshalAs(UnmanagedType.U1)] bool skipFirst);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_read_string_pair")]
    public static partial nint PropertyReadStringPair(nint properties, int identifier, out nint name, out nint value, [MarshalAs(UnmanagedType.U1)] bool skipFirst);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_property_free_all")]
    public static partial void PropertyFreeAll(ref nint properties);
}
