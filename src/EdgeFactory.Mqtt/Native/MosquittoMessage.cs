using System.Runtime.InteropServices;

namespace EdgeFactory.Mqtt.Native;

/// <summary><c>struct mosquitto_message</c>, read in place inside the message callback.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MosquittoMessage
{
    public int Mid;            // int mid
    public byte* Topic;        // char *topic
    public byte* Payload;      // void *payload
    public int PayloadLength;  // int payloadlen
    public int Qos;            // int qos
    public byte Retain;        // bool retain
}
